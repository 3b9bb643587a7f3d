using System;
using System.Collections.Generic;
using System.Linq;
using Protocol.Generators.Helpers;

namespace Protocol.Generators.Regions;

internal sealed record RegionModel(string Name, string Identifier, string Url, double Latitude, double Longitude, bool Demo);

/// <summary>A problem in the file: offset, 1-based line and column, and what is wrong.</summary>
internal sealed record RegionsError(int Offset, int Line, int Column, string Message);

/// <summary>A region whose identifier is taken (by an earlier region or a generated list); <see cref="Offset"/> is its name's position.</summary>
internal sealed record DuplicateRegion(string Name, string Identifier, int Offset);

internal sealed record RegionsFile(string FileName, EquatableArray<RegionModel> Regions, RegionsError? Error, EquatableArray<DuplicateRegion> Duplicates)
{
    public bool IsValid => Error is null && Duplicates.Count == 0;
}

internal static class RegionsParser
{
    public static bool NameMatches(string path, string fileName) =>
        fileName.Length != 0 && (string.Equals(System.IO.Path.GetFileName(path), fileName, StringComparison.OrdinalIgnoreCase)
            || path.Replace('\\', '/').EndsWith("/" + fileName.Replace('\\', '/').TrimStart('/'), StringComparison.OrdinalIgnoreCase));

    public static RegionsFile Parse(string fileName, string text)
    {
        var regions = new List<RegionModel>();
        var nameOffsets = new List<int>();
        try
        {
            var root = MiniJson.Parse(text);
            if (root.Value is not List<JsonNode> items)
            {
                throw new JsonParseException("the file must be a JSON array of region objects", root.Offset);
            }

            foreach (var item in items)
            {
                if (item.Value is not List<KeyValuePair<string, JsonNode>> members)
                {
                    throw new JsonParseException("each region must be an object with name, url, latitude, longitude and demo", item.Offset);
                }

                JsonNode? Get(string key) => members.FirstOrDefault(m => m.Key == key).Value;
                string Text(string key) => Get(key) is { Value: string s } && s.Length != 0 ? s : throw new JsonParseException($"'{key}' must be a non-empty string", Get(key)?.Offset ?? item.Offset);
                double Number(string key) => Get(key) is { Value: double d } ? d : throw new JsonParseException($"'{key}' must be a number", Get(key)?.Offset ?? item.Offset);

                var name = Text("name");
                var url = Text("url");
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "ws" && uri.Scheme != "wss"))
                {
                    throw new JsonParseException($"'url' must be an absolute ws:// or wss:// URL, not '{url}'", Get("url")!.Offset);
                }

                var latitude = Number("latitude");
                var longitude = Number("longitude");
                if (latitude is < -90 or > 90 || longitude is < -180 or > 180)
                {
                    throw new JsonParseException("latitude must be within [-90, 90] and longitude within [-180, 180]", item.Offset);
                }

                var demo = Get("demo") switch
                {
                    null => false,
                    { Value: bool b } => b,
                    var other => throw new JsonParseException("'demo' must be true or false", other.Offset),
                };
                regions.Add(new RegionModel(name, Names.PascalIdentifier(name), url, latitude, longitude, demo));
                nameOffsets.Add(Get("name")!.Offset);
            }
        }
        catch (JsonParseException e)
        {
            var (line, column) = Position(text, e.Offset);
            return new RegionsFile(fileName, EquatableArray<RegionModel>.Empty, new RegionsError(e.Offset, line, column, e.Message), EquatableArray<DuplicateRegion>.Empty);
        }

        // The generated lists take these names, so a region may not.
        var reserved = new[] { "All", "DemoRegions", "RealRegions" };
        var duplicates = regions.Select((r, i) => (Region: r, Offset: nameOffsets[i]))
            .GroupBy(r => r.Region.Identifier)
            .Where(g => g.Count() > 1 || reserved.Contains(g.Key))
            .Select(g => new DuplicateRegion(g.Last().Region.Name, g.Key, g.Last().Offset));
        return new RegionsFile(fileName, regions.ToEquatableArray(), null, duplicates.ToEquatableArray());
    }

    private static (int Line, int Column) Position(string text, int offset)
    {
        int line = 1, column = 1;
        for (var i = 0; i < offset && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return (line, column);
    }
}
