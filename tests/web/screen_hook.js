// Test-side only: keeps what the server sends a page, as text, so that a test can wait
// for a word to be drawn (xterm draws on a canvas, which has no text to read).
(() => {
  const Native = window.WebSocket;
  window.__screen = { text: "", chunks: 0, last: 0 };
  const decoder = new TextDecoder();
  window.WebSocket = function (url, protocols) {
    const socket = protocols === undefined ? new Native(url) : new Native(url, protocols);
    socket.addEventListener("message", (event) => {
      if (typeof event.data !== "string") {
        window.__screen.text += decoder.decode(event.data, { stream: true });
        window.__screen.chunks += 1;
        window.__screen.last = performance.now();
      }
    });
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
})();
