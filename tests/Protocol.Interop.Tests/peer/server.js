// The real socket.io peer for Protocol.Interop.Tests. Binds 127.0.0.1 on a free port, prints "LISTENING <port>",
// and exits when stdin closes (the test fixture holds it) or on SIGTERM, so it can never outlive the test run.
// PING_INTERVAL / PING_TIMEOUT (ms) come from the environment.
"use strict";
const http = require("http");
const { Server } = require("socket.io");

const httpServer = http.createServer();
const io = new Server(httpServer, {
  pingInterval: Number(process.env.PING_INTERVAL || 25000),
  pingTimeout: Number(process.env.PING_TIMEOUT || 20000),
  transports: ["websocket", "polling"],
});

// Pops the ack callback defensively: with no arguments the callback is the first parameter.
function takeCallback(args) {
  return typeof args[args.length - 1] === "function" ? args.pop() : undefined;
}

io.on("connection", (socket) => {
  let pongs = 0;
  socket.conn.on("packet", (packet) => { if (packet.type === "pong") { pongs++; socket.emit("pong-seen", pongs); } });

  socket.on("greet-me", () => {
    socket.emit("hello", "world", 42, { a: [true, null] }, 1.5, "é€😀");
    socket.emit("bin", Buffer.from([1, 2, 3, 4]), "tail");
    socket.emit("bin2", { x: Buffer.from("ab") }, [Buffer.from([0xff])]);
  });
  // Echoes every argument back (Buffers stay Buffers, so binary round-trips as binary).
  socket.on("echo", (...args) => { takeCallback(args); socket.emit("echo-back", ...args); });
  socket.on("ack-me", (...a) => { const cb = takeCallback(a); if (cb) cb("ack:" + a[0], 7); });
  socket.on("ack-echo", (...a) => { const cb = takeCallback(a); if (cb) cb(...a); });
  socket.on("ack-bin", (...a) => { const cb = takeCallback(a); if (cb) cb(Buffer.from([9, 8, 7]), { y: Buffer.from([6]) }); });
  socket.on("upload", (...a) => { const cb = takeCallback(a);
    const sizes = a.map((x) => (Buffer.isBuffer(x) ? x.length : -1)); if (cb) cb(sizes); });
  socket.on("ask-me", async (...a) => { takeCallback(a); const mode = a[0] || "text";
    try {
      const answer = mode === "binary"
        ? await socket.timeout(5000).emitWithAck("question-bin", Buffer.from([1, 2]))
        : await socket.timeout(5000).emitWithAck("question", "q?");
      socket.emit("answer-was", answer, Buffer.isBuffer(answer) ? "buffer" : typeof answer);
    } catch (e) { socket.emit("answer-was", null, "timeout"); }
  });
  socket.on("flood", (...a) => { takeCallback(a); const n = Number(a[0]); const p = "x".repeat(Number(a[1] || 16));
    for (let i = 0; i < n; i++) socket.emit("tick", i, p); socket.emit("flood-done", n); });
  socket.on("pong-count", (...a) => { const cb = takeCallback(a); if (cb) cb(pongs); });
  socket.on("headers", (...a) => { const cb = takeCallback(a); const h = socket.handshake.headers;
    if (cb) cb({ origin: h.origin || null, userAgent: h["user-agent"] || null, cookie: h.cookie || null, query: socket.handshake.query }); });
  socket.on("kick", (...a) => { takeCallback(a); socket.disconnect(Boolean(a[0])); });
  socket.on("die", () => process.exit(3));
  // PocketOption's login (pocketoption.md §1.2): a good session gets successauth two-step (a placeholder header, then the
  // JSON as a binary attachment); a bad one gets NotAuthorized and then a namespace DISCONNECT (41); "silent" only the 41.
  socket.on("auth", (...a) => { takeCallback(a); const session = a[0] && a[0].session;
    if (session === "good-session") { socket.emit("successauth", Buffer.from(JSON.stringify({ serverName: "peer-1" }))); return; }
    if (session !== "silent-bad-session") socket.emit("NotAuthorized");
    socket.disconnect(); });
  // The keep-alive: counts what arrived and says so, so the client can see its periodic send land.
  let keepAlives = 0;
  socket.on("ps", (...a) => { takeCallback(a); keepAlives++; socket.emit("ps-seen", keepAlives); });
});
io.of("/admin").on("connection", (s) => {
  s.emit("admin-hello", s.handshake.auth);
  s.on("ack-me", (...a) => { const cb = takeCallback(a); if (cb) cb("admin:" + a[0]); });
});
io.of("/private").use((s, next) => { const e = new Error("Not authorized"); e.data = { code: 401 }; next(e); });

httpServer.listen(0, "127.0.0.1", () => {
  process.stdout.write(`LISTENING ${httpServer.address().port}\n`);
});

function shutdown() { io.close(); process.exit(0); }
process.stdin.on("end", shutdown);
process.stdin.on("close", shutdown);
process.stdin.resume();
process.on("SIGTERM", shutdown);
