// The official socket.io-client (4.8.4, pinned in package-lock.json) run against Protocol's C# server by
// ServerInteropTests: `node client.js <url> <case>`. Prints one line `RESULT <json>` and exits 0, or `ERROR <text>`
// and exits 1. A whole case is bounded (10 s), so a server that never answers fails the test instead of hanging it.
const { io } = require("socket.io-client");

const [url, which] = process.argv.slice(2);
const limit = setTimeout(() => fail(`case '${which}' did not finish within 10 s`), 10000);

function fail(text) {
  console.log(`ERROR ${text}`);
  process.exit(1);
}

function done(result) {
  clearTimeout(limit);
  console.log(`RESULT ${JSON.stringify(result)}`);
  process.exit(0);
}

// Buffers become {"$bin":[…bytes]} so the C# side can check them in JSON.
function plain(value) {
  if (Buffer.isBuffer(value) || value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    return { $bin: Array.from(Buffer.from(value)) };
  }
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

function connect(nsp, auth) {
  return io(url + nsp.replace(/^\//, ""), { transports: ["websocket"], reconnection: false, auth, forceNew: true });
}

function once(socket, event) {
  return new Promise((resolve) => socket.once(event, (...args) => resolve(args)));
}

const cases = {
  async mixed() {
    const socket = connect("/");
    await once(socket, "connect");
    socket.emit("echo", 1, "two", { three: [true, null] }, 4.5, "é€😀");
    const args = await once(socket, "echo-back");
    socket.close();
    return plain(args);
  },
  async binary() {
    const socket = connect("/");
    await once(socket, "connect");
    socket.emit("echo", { deep: { a: Buffer.from([1, 2, 3]) } }, [Buffer.alloc(0)], "x");
    const args = await once(socket, "echo-back");
    socket.close();
    return plain(args);
  },
  async acks() {
    const socket = connect("/");
    await once(socket, "connect");
    const response = await new Promise((resolve, reject) =>
      socket.timeout(5000).emit("ack-me", "x", Buffer.from([9]), (err, ...args) => (err ? reject(err) : resolve(args))));
    socket.on("question", (q, callback) => callback(`answer:${q}`, Buffer.from([7, 7])));
    socket.emit("ask-me");
    const answered = await once(socket, "answered");
    socket.close();
    return { response: plain(response), answered: plain(answered) };
  },
  async serverBinary() {
    const socket = connect("/");
    await once(socket, "connect");
    socket.emit("send-binary");
    const args = await once(socket, "bin");
    socket.close();
    return plain(args);
  },
  async auth() {
    const refused = connect("/admin", { token: "wrong" });
    const [error] = await once(refused, "connect_error");
    refused.close();
    const accepted = connect("/admin", { token: "secret" });
    await once(accepted, "connect");
    const id = accepted.id;
    accepted.emit("whoami");
    const [who] = await once(accepted, "you-are");
    accepted.close();
    return { refused: error.message, acceptedId: typeof id === "string" && id.length > 0, who };
  },
  async kick() {
    const socket = connect("/");
    await once(socket, "connect");
    socket.emit("kick");
    const [reason] = await once(socket, "disconnect");
    return { reason, active: socket.active };
  },
};

if (!cases[which]) fail(`unknown case '${which}'`);
cases[which]().then(done, (error) => fail(error && error.stack ? error.stack : String(error)));
