'use strict';
// Builds a report view: the tree of elements engine/report/html.cpp makes
// for the HTML file too, sent by the API as JSON ({"t": tag, "a": {…},
// "c": [children]}, a text node as a string). Only DOM calls that set text
// and attributes: nothing of a case is ever parsed as HTML. The tags and
// attributes allowed come from the server (/api/info), the same list the
// C++ renderer keeps to.
const SamsvarView = (() => {
  let tags = new Set();
  let attributes = new Set();

  function allow(view) {
    tags = new Set(view.tags);
    attributes = new Set(view.attributes);
  }

  function build(node) {
    if (typeof node === 'string') return document.createTextNode(node);
    if (!node || typeof node !== 'object' || !tags.has(node.t)) return document.createTextNode('');
    const el = document.createElement(node.t);
    for (const [name, value] of Object.entries(node.a || {})) {
      if (attributes.has(name)) el.setAttribute(name, String(value));
    }
    for (const child of node.c || []) el.appendChild(build(child));
    return el;
  }

  return { allow, build };
})();
