// The first screen of `quizzer serve`: the player's name, kept in this tab only
// (sessionStorage), then the terminal, whose websocket path carries the name
// (base64url of its UTF-8). Names are only ever set as text, never as HTML.
"use strict";

const PLAYER_KEY = "quizzer-player";

function encodeName(name) {
  const bytes = new TextEncoder().encode(name);
  let binary = "";
  bytes.forEach((b) => { binary += String.fromCharCode(b); });
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function validName(name) {
  // 1 to 40 printable characters, as quizzer checks again on the server.
  return name.length >= 1 && [...name].length <= 40 && !/[\p{C}]/u.test(name);
}

function websocketUrl(name) {
  const url = new URL("ws/" + encodeName(name), window.location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  url.search = "";
  url.hash = "";
  return url.href;
}

function startTerminal(name) {
  const terminal = document.createElement("div");
  terminal.className = "textual-terminal";
  terminal.dataset.sessionWebsocketUrl = websocketUrl(name);
  terminal.dataset.fontSize = "16";
  document.body.appendChild(terminal);
  document.getElementById("ended-player").textContent = name;
}

function askName() {
  const form = document.getElementById("who");
  const input = document.getElementById("player");
  const error = document.getElementById("error");
  form.hidden = false;
  input.focus();
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const name = input.value.trim();
    if (!validName(name)) {
      error.textContent = "A name is 1 to 40 characters, letters, digits and punctuation.";
      return;
    }
    sessionStorage.setItem(PLAYER_KEY, name);
    window.location.reload();
  });
}

document.addEventListener("DOMContentLoaded", () => {
  const name = (sessionStorage.getItem(PLAYER_KEY) || "").trim();
  document.getElementById("rename").addEventListener("click", (event) => {
    event.preventDefault();
    sessionStorage.removeItem(PLAYER_KEY);
    window.location.reload();
  });
  if (validName(name)) {
    startTerminal(name);
  } else {
    askName();
  }
});
