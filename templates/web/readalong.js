// The web edition's players, enhanced when JavaScript runs (every page works without it):
// a speed control, and on an article page the sentence being heard highlighted and kept in view.
// The sentences' times come from the recording's WebVTT track, whose cue ids (s1, s2, …) are the
// ids of the sentences in the text; clicking a sentence plays from there.
(() => {
  "use strict";
  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

  for (const control of document.querySelectorAll(".speed")) {
    const player = control.closest(".listen").querySelector("audio");
    const select = control.querySelector("select");
    select.addEventListener("change", () => { player.playbackRate = Number(select.value); });
    player.addEventListener("ratechange", () => { select.value = String(player.playbackRate); });
    control.hidden = false;
  }

  const player = document.querySelector("audio[data-readalong]");
  const element = player && player.querySelector("track");
  if (!element) return;
  const text = document.querySelector("article");
  const track = element.track;
  track.mode = "hidden";  // its cues drive the highlighting; the text on the page is the caption
  let current = null;

  const highlight = (id) => {
    const sentence = id ? document.getElementById(id) : null;
    if (sentence === current) return;
    if (current) current.classList.remove("reading");
    current = sentence;
    if (!sentence) return;
    sentence.classList.add("reading");
    const box = sentence.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) {
      sentence.scrollIntoView({block: "center", behavior: reducedMotion.matches ? "auto" : "smooth"});
    }
  };

  track.addEventListener("cuechange", () => {
    const active = track.activeCues;
    highlight(active && active.length ? active[active.length - 1].id : null);
  });

  text.classList.add("readalong");
  text.addEventListener("click", (event) => {
    const sentence = event.target.closest("span[id]");
    const cue = sentence && track.cues && track.cues.getCueById(sentence.id);
    if (!cue) return;
    player.currentTime = cue.startTime;
    player.play().catch(() => {});  // a browser may refuse to play before the reader has pressed play
  });
})();
