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
 *
 * Nothing typed is lost on the way: a half-typed answer is kept on the phone
 * (localStorage, under the conversation's draft key and the question) and put
 * back when the page opens again; an answer that cannot be sent for want of a
 * signal is kept in a queue there, the person is told, and the queue is sent
 * by itself, in order, when the connection returns. Every answer carries an
 * id made here (`key`), so the server stores a resent one only once.
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
  var retrying = null;
  // The first screen opens at the question (site.css), here where CSS can't.
  var opensHere = area.querySelector(".opens-here .answer-form > fieldset.choices, .opens-here .answer-form > .actions");
  if (opensHere && !(window.CSS && CSS.supports("scroll-initial-target", "nearest"))) {
    opensHere.scrollIntoView({ block: "nearest" });
  }

  sayOpened();
  restoreDraft();
  var welcome = document.getElementById("welcome-back");
  if (welcome && !window.location.hash) {
    welcome.scrollIntoView({ block: "start" });
  }
  window.addEventListener("online", sendQueued);
  window.addEventListener("online", sendFirstKept);
  sendQueued();
  if (kept(firstName())) {
    if (navigator.onLine === false) {
      showNoSignal();
    } else {
      sendFirstKept();
    }
  }

  area.addEventListener("input", function (event) {
    if (event.target.matches("#answer-form textarea")) {
      keep(draftName(area.getAttribute("data-question")), event.target.value || null);
    }
  });

  area.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-change]");
    if (link && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
      event.preventDefault();
      var change = link.getAttribute("data-change");
      go("GET", api + (change ? "?change=" + encodeURIComponent(change) : ""), null, function () {
        if (navigator.onLine === false) {
          showNoSignal();
        } else {
          window.location.href = link.href;
        }
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
      var sharing = form.elements.namedItem("sharing");
      // Send carries the sharing choice the review showed, so only that one is sent.
      return [api + "/" + value, value === "submit" && sharing ? { sharing: sharing.value } : {}]; // finish, resume, submit
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
    answer.key = newKey(); // this press's id: sent again, it is stored once
    return [api + "/answers", answer];
  }

  function go(method, url, body, onNetworkFailure) {
    if (busy) {
      return; // one step at a time: a double tap sends once
    }
    if (method === "POST" && queued().length) {
      enqueue(url, body); // behind what is waiting for the signal, so the order holds
      return;
    }
    call(method, url, body, function (result) {
      if (result === null && method === "POST") {
        enqueue(url, body);
      } else if (result === null) {
        onNetworkFailure();
      } else {
        settled(body, result);
      }
    });
  }

  /* One request to the API; `done` gets null when nothing came back (no signal),
     else { ok, status, data }. */
  function call(method, url, body, done) {
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
              return { ok: response.ok, status: response.status, data: data || {} };
            },
            function () {
              return { ok: false, status: response.status, data: {} };
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
        done(result);
      });
  }

  function settled(body, result) {
    if (result.ok && result.data.status && result.data.html) {
      if (body && body.question_id) {
        keep(draftName(body.question_id), null); // sent: the phone need not keep it
      }
      if (result.data.status === "submitted") {
        forgetDrafts();
      }
      render(result.data);
    } else {
      showError(result.data.error || errorGeneric);
    }
  }

  /* No signal: what could not be sent waits on the phone, in order. */

  function enqueue(url, body) {
    keep(queueName(), queued().concat([{ url: url, body: body }]));
    showNoSignal();
    retryLater();
  }

  function sendQueued() {
    var waiting = queued();
    if (busy || !waiting.length || !api) {
      return;
    }
    call("POST", waiting[0].url, waiting[0].body, function (result) {
      if (result === null) {
        showNoSignal(); // still none: wait for it
        retryLater();
        return;
      }
      // Answered, one way or another: it is never sent again (and if it
      // reached the server before, its key kept it from being stored twice).
      keep(queueName(), queued().slice(1));
      if (result.status === 409) {
        call("GET", api, null, function (state) {
          if (state && state.ok) {
            render(state.data);
          }
          sendQueued();
        });
        return;
      }
      settled(waiting[0].body, result);
      if (queued().length) {
        sendQueued();
      } else {
        remove(document.getElementById("no-signal"));
      }
    });
  }

  function retryLater() {
    // The "online" event is the signal coming back; this also catches a
    // connection that returns without one.
    if (retrying === null) {
      retrying = window.setInterval(function () {
        if (!queued().length) {
          window.clearInterval(retrying);
          retrying = null;
        } else if (navigator.onLine !== false) {
          sendQueued();
        }
      }, 5000);
    }
  }

  function showNoSignal() {
    var box = document.getElementById("no-signal");
    if (!box) {
      box = fromTemplate("no-signal-template");
      area.insertBefore(box, area.firstChild);
    }
    box.scrollIntoView({ block: "nearest" });
  }

  /* What the phone keeps: half-typed answers and the queue, per conversation. */

  function queueName() {
    return "chat-queue:" + area.getAttribute("data-draft");
  }

  function draftName(questionId) {
    return "chat-draft:" + area.getAttribute("data-draft") + ":" + questionId;
  }

  function queued() {
    return area.getAttribute("data-draft") ? kept(queueName()) || [] : [];
  }

  function restoreDraft() {
    var text = area.querySelector("#answer-form textarea");
    var draft = area.getAttribute("data-draft") ? kept(draftName(area.getAttribute("data-question"))) : null;
    if (text && !text.value && typeof draft === "string") {
      text.value = draft;
    }
  }

  function forgetDrafts() {
    var prefix = draftName("");
    try {
      Object.keys(window.localStorage).forEach(function (name) {
        if (name.indexOf(prefix) === 0) {
          window.localStorage.removeItem(name);
        }
      });
    } catch (error) {
      // Storage refused (a private window): nothing was kept.
    }
  }

  function kept(name) {
    try {
      return JSON.parse(window.localStorage.getItem(name) || "null");
    } catch (error) {
      return null;
    }
  }

  function keep(name, value) {
    try {
      if (value === null || (value.length === 0 && typeof value !== "string")) {
        window.localStorage.removeItem(name);
      } else {
        window.localStorage.setItem(name, JSON.stringify(value));
      }
    } catch (error) {
      // Storage refused or full: the answer is still on the screen.
    }
  }

  function newKey() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map
      .call(bytes, function (byte) {
        return ("0" + byte.toString(16)).slice(-2);
      })
      .join("");
  }

  /* An invitation's first screen is on the screen: say so, once, by a POST
     (a GET never writes, so a link preview doesn't count as opened). With no
     signal it is let be: the first answer counts as opened too. */
  function sayOpened() {
    var url = area.getAttribute("data-opened");
    var csrf = area.querySelector("#answer-form input[name=csrf_token]");
    if (!url || !csrf) {
      return;
    }
    var data = new FormData();
    data.append("csrf_token", csrf.value);
    fetch(url, { method: "POST", body: data, credentials: "same-origin" }).catch(function () {});
  }

  /* The first screen stores nothing: its first answer is posted as the form
     would post it, which begins the conversation (and sets the cookie that
     offers to carry on later). The conversation's page comes back, and its
     parts are drawn into this one, which takes the conversation's address. */
  function begin(form, submitter) {
    if (busy) {
      return;
    }
    var data = new FormData(form);
    if (submitter && submitter.name) {
      data.append(submitter.name, submitter.value);
    }
    beginWith(data, form.getAttribute("action"), form, submitter);
  }

  /* A first answer that could not be sent waits on the phone, under the
     page's own path, until it is: a reload doesn't lose it. Its one-time
     answer_key keeps a post that did arrive from beginning twice. */
  function firstName() {
    return "chat-first:" + pagePath;
  }

  function sendFirstKept() {
    var waiting = api ? null : kept(firstName());
    if (!waiting || busy) {
      return;
    }
    var data = new FormData();
    waiting.fields.forEach(function (field) {
      data.append(field[0], field[1]);
    });
    beginWith(data, waiting.action, null, null);
  }

  function beginWith(data, action, form, submitter) {
    if (busy) {
      return;
    }
    busy = true;
    area.setAttribute("data-busy", "true");
    var fields = [];
    data.forEach(function (value, name) {
      fields.push([name, String(value)]);
    });
    // getAttribute: the form has controls named "action", which hide the property.
    fetch(action, { method: "POST", body: data, credentials: "same-origin", headers: { Accept: "text/html" } })
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
        if (result === null) {
          // No signal: say so, keep it, and begin when it returns.
          keep(firstName(), { action: action, fields: fields });
          showNoSignal();
          return;
        }
        keep(firstName(), null);
        if (!result.ok) {
          postTheOldWay(form || formOf(action, fields), submitter); // a refused answer: the page says why
          return;
        }
        var page = new DOMParser().parseFromString(result.html, "text/html");
        var drawn = page.getElementById("answer-area");
        var question = drawn.getAttribute("data-question");
        api = drawn.getAttribute("data-api");
        area.setAttribute("data-draft", drawn.getAttribute("data-draft"));
        pagePath = result.url.split("#")[0];
        window.history.replaceState(null, "", pagePath);
        var languages = document.querySelector(".languages");
        var theirs = page.querySelector(".languages");
        if (languages && theirs) {
          languages.parentNode.replaceChild(document.importNode(theirs, true), languages);
        }
        // An invited child's code for carrying on elsewhere, which the page shows under the answers.
        remove(document.getElementById("first-screen-more")); // the whole intro is in the log now
        var code = page.querySelector(".device-code");
        if (code && !document.querySelector(".device-code")) {
          area.parentNode.insertBefore(document.importNode(code, true), area.nextSibling);
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

  function formOf(action, fields) {
    var form = document.createElement("form");
    form.method = "post";
    form.setAttribute("action", action);
    fields.forEach(function (field) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = field[0];
      input.value = field[1];
      form.appendChild(input);
    });
    document.body.appendChild(form);
    return form;
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
    var backTo = area.querySelector("input[name=back_to]");  // a changed answer goes back to its card
    var added = updateLog(bubbles(parse(state.html.log).childNodes));
    var progress = document.getElementById("progress");
    progress.parentNode.replaceChild(parse(state.html.progress).firstElementChild, progress);
    while (area.firstChild) {
      area.removeChild(area.firstChild);
    }
    area.appendChild(parse(state.html.answer_area));
    area.setAttribute("data-status", state.status);
    area.setAttribute("data-question", state.question ? state.question.id : "");
    restoreDraft();
    if (queued().length) {
      showNoSignal();
    }
    var target;
    if (state.status === "open") {
      var form = document.getElementById("answer-form");
      target = form.querySelector("[aria-pressed=true]") || form.querySelector("textarea, input:not([type=hidden]), button");
    } else if (state.status === "review") {
      var card = backTo && document.getElementById(backTo.value);
      if (card) {
        target = card.querySelector(".change-link");
        target.focus({ preventScroll: true });
        card.scrollIntoView({ block: "center" });
        return;
      }
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
