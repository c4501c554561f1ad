// Draws the book's progress bars (tqdm.auto widgets) from the widget state saved at build time.
//
// In Jupyter, tqdm.auto shows an ipywidgets bar; the executed notebook keeps only the widgets'
// final state. The usual way to show it (the ipywidgets HTML manager) is loaded from a CDN, which
// the offline book must not use, so this script draws the one widget shape the book produces:
// an HBox of [HTML label, FloatProgress, HTML counts], as a <progress> element between two labels.
// Other widget kinds are left as they are.
(function () {
  "use strict";

  function savedWidgetModels() {
    const stateTag = document.querySelector('script[type="application/vnd.jupyter.widget-state+json"]');
    if (!stateTag) return {};
    return JSON.parse(stateTag.textContent).state || {};
  }

  function modelOf(models, reference) {
    const id = String(reference).replace(/^IPY_MODEL_/, "");
    return models[id] ? models[id].state : null;
  }

  // tqdm writes its labels as HTML (e.g. "&lt;" in the rate); show them as plain text.
  function plainText(html) {
    return new DOMParser().parseFromString(html || "", "text/html").body.textContent;
  }

  function progressBarElement(models, box) {
    const parts = (box.children || []).map((child) => modelOf(models, child));
    if (parts.length !== 3 || parts.some((part) => part === null)) return null;
    const [label, bar, counts] = parts;
    if (bar._model_name !== "FloatProgressModel" || label._model_name !== "HTMLModel") return null;

    const wrapper = document.createElement("div");
    wrapper.className = "book-progress-bar";
    const progress = document.createElement("progress");
    progress.max = bar.max - bar.min || 1;
    progress.value = bar.value - bar.min;
    const left = document.createElement("span");
    left.textContent = plainText(label.value);
    const right = document.createElement("span");
    right.textContent = plainText(counts.value);
    wrapper.append(left, progress, right);
    return wrapper;
  }

  function drawProgressBars() {
    const models = savedWidgetModels();
    const views = document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]');
    for (const view of views) {
      const box = modelOf(models, JSON.parse(view.textContent).model_id);
      if (!box || box._model_name !== "HBoxModel") continue;
      const element = progressBarElement(models, box);
      if (element) view.replaceWith(element);
    }
  }

  document.addEventListener("DOMContentLoaded", drawProgressBars);
})();
