/* The chat without page reloads.
 *
 * Progressive enhancement: the page works without this file (every answer is
 * a form post, then a redirect). With it, the answer form goes to the JSON
 * API, which sends back the new state together with the page's changing parts
 * as the server's own templates draw them (`render=chat`), so this file never
 * writes markup: only bubbles that are new are added to the log (which
 * announces additions politely, so nothing else repeats them), the answer
 * area is replaced, and focus moves to where the person carries on. The few
 * pieces only a script needs (the read-aloud button, an error box) come from
 * <template> elements in the page.
 */
(function () {
  "use strict";

  var log = document.getElementById("log");
  var area = document.getElementById("answer-area");
  var templates = document.createElement("template");
  if (!log || !area || !window.fetch || !Element.prototype.closest || !("content" in templates)) {
    return;
  }

  var api = area.getAttribute("data-api");
  var errorGeneric = area.getAttribute("data-error-generic");
  var language = document.documentElement.lang || "en";
  var pagePath = window.location.pathname;
  var canSpeak = "speechSynthesis" in window && typeof window.SpeechSynthesisUtterance === "function";
  var busy = false;
  var shown = bubbles(log.children).map(function (node) {
    addReadAloud(node);
    return { key: keyOf(node), node: node };
  });

  area.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-change]");
    if (link && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
      event.preventDefault();
      var change = link.getAttribute("data-change");
      go("GET", api + (change ? "?change=" + encodeURIComponent(change) : ""), null, function () {
        window.location.href = link.href;
      });
    }
  });

  area.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.id !== "answer-form") {
      return;
    }
    event.preventDefault();
    var submitter = event.submitter && event.submitter.form === form ? event.submitter : null;
    if (!api) {
      begin(form, submitter);
      return;
    }
    var request = requestFor(form, submitter);
    go("POST", request[0], request[1], function () {
      postTheOldWay(form, submitter); // without the API, post the form the old way
    });
  });

  log.addEventListener("click", function (event) {
    var button = event.target.closest(".read-aloud");
    if (button) {
      speak(button.parentNode.querySelector("p").textContent);
    }
  });

  /* Talking to the API */

  /* The API call a press of `submitter` stands for: [url, body]. The form
     says what its answer is made of (data-answer: text, choice or choices),
     never which type of question it is: typed words are in the field "text",
     chosen options in "value". */
  function requestFor(form, submitter) {
    var name = submitter ? submitter.name : "action";
    var value = submitter ? submitter.value : "answer";
    var field = form.elements.namedItem("question_id");
    var answer = { question_id: field ? field.value : null };
    var kind = form.getAttribute("data-answer");
    if (name === "action" && value !== "answer" && value !== "skip") {
      return [api + "/" + value, {}]; // finish, resume, submit
    }
    if (name === "action" && value === "skip") {
      answer.skip = true;
    } else if (name === "value") {
      answer.value = value; // an option's own button
    } else if (kind === "choices") {
      answer.value = Array.prototype.filter
        .call(form.querySelectorAll("input[name=value]"), function (box) {
          return box.checked;
        })
        .map(function (box) {
          return box.value;
        });
    } else if (kind === "text") {
      answer.value = form.elements.namedItem("text").value;
    } else {
      // One choice from a field (a range, say) rather than an option's button.
      var chosen = form.elements.namedItem("value");
      answer.value = chosen && chosen.value ? chosen.value : null;
    }
    return [api + "/answers", answer];
  }

  function go(method, url, body, onNetworkFailure) {
    if (busy) {
      return; // one step at a time: a double tap sends once
    }
    busy = true;
    area.setAttribute("data-busy", "true");
    var options = { method: method, headers: { Accept: "application/json" }, cache: "no-store", credentials: "same-origin" };
    if (body) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    fetch(url + (url.indexOf("?") < 0 ? "?" : "&") + "render=chat", options)
      .then(
        function (response) {
          return response.json().then(
            function (data) {
              return { ok: response.ok, data: data || {} };
            },
            function () {
              return { ok: false, data: {} };
            }
          );
        },
        function () {
          return null;
        }
      )
      .then(function (result) {
        busy = false;
        area.removeAttribute("data-busy");
        if (result === null) {
          onNetworkFailure();
        } else if (result.ok && result.data.status && result.data.html) {
          render(result.data);
        } else {
          showError(result.data.error || errorGeneric);
        }
      });
  }

  /* The first screen stores nothing: its first answer is posted as the form
     would post it, which begins the conversation (and sets the cookie that
     offers to carry on later). The conversation's page comes back, and its
     parts are drawn into this one, which takes the conversation's address. */
  function begin(form, submitter) {
    if (busy) {
      return;
    }
    busy = true;
    area.setAttribute("data-busy", "true");
    var data = new FormData(form);
    if (submitter && submitter.name) {
      data.append(submitter.name, submitter.value);
    }
    // getAttribute: the form has controls named "action", which hide the property.
    fetch(form.getAttribute("action"), { method: "POST", body: data, credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(
        function (response) {
          return response.text().then(function (html) {
            return { ok: response.ok && response.redirected, url: response.url, html: html };
          });
        },
        function () {
          return null;
        }
      )
      .then(function (result) {
        busy = false;
        area.removeAttribute("data-busy");
        if (result === null || !result.ok) {
          // No signal, or a refused answer: the browser posts it and shows what it gets.
          postTheOldWay(form, submitter);
          return;
        }
        var page = new DOMParser().parseFromString(result.html, "text/html");
        var drawn = page.getElementById("answer-area");
        var question = drawn.getAttribute("data-question");
        api = drawn.getAttribute("data-api");
        pagePath = result.url.split("#")[0];
        window.history.replaceState(null, "", pagePath);
        var languages = document.querySelector(".languages");
        var theirs = page.querySelector(".languages");
        if (languages && theirs) {
          languages.parentNode.replaceChild(document.importNode(theirs, true), languages);
        }
        render({
          status: drawn.getAttribute("data-status"),
          question: question ? { id: question } : null,
          language: page.documentElement.lang,
          html: {
            log: page.getElementById("log").innerHTML,
            progress: page.getElementById("progress").outerHTML,
            answer_area: drawn.innerHTML,
          },
        });
      });
  }

  function postTheOldWay(form, submitter) {
    // Name the button that was pressed, as the browser would.
    if (submitter && submitter.name) {
      var field = document.createElement("input");
      field.type = "hidden";
      field.name = submitter.name;
      field.value = submitter.value;
      form.appendChild(field);
    }
    HTMLFormElement.prototype.submit.call(form);
  }

  /* Drawing a new state, from the parts the server drew */

  function render(state) {
    if (state.language && state.language !== language) {
      // Another tab changed the language: every word on the page differs.
      window.location.assign(pagePath);
      return;
    }
    if (state.status === "submitted") {
      // The thank-you gets focus and is read from there, so the log stays
      // quiet: it is said once.
      log.setAttribute("aria-live", "off");
      remove(document.querySelector(".languages"));
    }
    var added = updateLog(bubbles(parse(state.html.log).childNodes));
    var progress = document.getElementById("progress");
    progress.parentNode.replaceChild(parse(state.html.progress).firstElementChild, progress);
    while (area.firstChild) {
      area.removeChild(area.firstChild);
    }
    area.appendChild(parse(state.html.answer_area));
    area.setAttribute("data-status", state.status);
    area.setAttribute("data-question", state.question ? state.question.id : "");
    var target;
    if (state.status === "open") {
      var form = document.getElementById("answer-form");
      target = form.querySelector("[aria-pressed=true]") || form.querySelector("textarea, input:not([type=hidden]), button");
    } else if (state.status === "review") {
      target = area.querySelector("h2");
    } else {
      target = log.lastElementChild;
      target.setAttribute("tabindex", "-1");
    }
    target.focus({ preventScroll: true });
    // Show what was just said (the answer, then the reply), and the focus.
    (added[0] || target).scrollIntoView({ block: "start" });
    var box = target.getBoundingClientRect();
    if (box.bottom > window.innerHeight || box.top < 0) {
      target.scrollIntoView({ block: "nearest" });
    }
  }

  /* Bring the log in line with the bubbles drawn for the new state, keeping
     every bubble still there (so it is not announced again) and adding the
     others where they belong. Returns the bubbles added. */
  function updateLog(drawn) {
    var keys = drawn.map(keyOf);
    var n = shown.length;
    var m = keys.length;
    var i;
    var j;
    // table[i][j]: the longest common run of shown[i..] and keys[j..].
    var table = [];
    for (i = n; i >= 0; i -= 1) {
      table[i] = [];
      for (j = m; j >= 0; j -= 1) {
        table[i][j] =
          i === n || j === m ? 0 : shown[i].key === keys[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
      }
    }
    var next = [];
    var added = [];
    for (i = 0, j = 0; i < n || j < m; ) {
      if (i < n && j < m && shown[i].key === keys[j]) {
        next.push(shown[i]);
        i += 1;
        j += 1;
      } else if (j === m || (i < n && table[i + 1][j] >= table[i][j + 1])) {
        remove(shown[i].node);
        i += 1;
      } else {
        var node = drawn[j];
        node.removeAttribute("id"); // the #latest anchor is for page loads
        node.classList.add("is-new");
        addReadAloud(node);
        next.push({ key: keys[j], node: node, isNew: true });
        added.push(node);
        j += 1;
      }
    }
    for (var k = next.length - 1, after = null; k >= 0; k -= 1) {
      if (next[k].isNew) {
        log.insertBefore(next[k].node, after);
        delete next[k].isNew;
      }
      after = next[k].node;
    }
    shown = next;
    return added;
  }

  function bubbles(nodes) {
    return Array.prototype.filter.call(nodes, function (node) {
      return node.nodeType === 1 && node.classList.contains("bubble");
    });
  }

  function senderOf(node) {
    return node.classList.contains("bubble-person") ? "person" : "bot";
  }

  function keyOf(node) {
    var text = node.querySelector("p");
    return [senderOf(node), node.getAttribute("data-kind"), node.getAttribute("data-question") || "", text ? text.textContent : ""].join("\u0000");
  }

  function showError(message) {
    var form = document.getElementById("answer-form");
    remove(document.getElementById("answer-error"));
    // A new element each time, so the same message is announced again.
    var box = fromTemplate("answer-error-template");
    box.appendChild(document.createTextNode(message));
    if (!form) {
      area.insertBefore(box, area.firstChild);
      return;
    }
    form.parentNode.insertBefore(box, form);
    var text = form.querySelector("textarea");
    var field = text || form.querySelector("fieldset");
    if (text) {
      text.setAttribute("aria-invalid", "true");
    }
    if (field) {
      var described = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      if (described.indexOf("answer-error") < 0) {
        field.setAttribute("aria-describedby", described.concat("answer-error").join(" "));
      }
    }
    box.scrollIntoView({ block: "nearest" });
  }

  /* Read aloud, with the browser's own voice, in the page's language. */
  function addReadAloud(node) {
    if (canSpeak && senderOf(node) === "bot") {
      node.appendChild(fromTemplate("read-aloud-template"));
    }
  }

  function speak(text) {
    var synth = window.speechSynthesis;
    var utterance = new window.SpeechSynthesisUtterance(text);
    var base = language.split("-")[0];
    utterance.lang = language;
    utterance.voice =
      synth.getVoices().filter(function (voice) {
        return (voice.lang || "").split(/[-_]/)[0] === base;
      })[0] || null;
    synth.cancel();
    synth.speak(utterance);
  }

  /* Small DOM helpers. Markup comes only from the server: its templates
     escape every text, and it is parsed inertly here. */

  function parse(html) {
    var holder = document.createElement("template");
    holder.innerHTML = html;
    return holder.content;
  }

  function fromTemplate(id) {
    return document.getElementById(id).content.firstElementChild.cloneNode(true);
  }

  function remove(node) {
    if (node) {
      node.parentNode.removeChild(node);
    }
  }
})();
