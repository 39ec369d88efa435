/* The chat without page reloads.
 *
 * Progressive enhancement: the page works without this file (every answer is
 * a form post, then a redirect). With it, the answer form is sent to the JSON
 * API instead and the page is brought up to date from the state that comes
 * back: only new messages are added to the conversation log (which announces
 * additions politely, so nothing else repeats them), the next question's form
 * replaces the last one, and focus moves to where the person carries on.
 * Everything is built with textContent: no HTML is made from text.
 */
(function () {
  "use strict";

  var log = document.getElementById("log");
  var area = document.getElementById("answer-area");
  if (!log || !area || !window.fetch || !window.JSON || !Element.prototype.closest) {
    return;
  }

  var firstForm = document.getElementById("answer-form");
  var api = (firstForm && firstForm.getAttribute("data-api")) || area.getAttribute("data-api");
  var words = JSON.parse(area.getAttribute("data-words") || "{}");
  var language = document.documentElement.lang || "en";
  var pagePath = window.location.pathname;
  var postTo = firstForm ? firstForm.getAttribute("action") : pagePath;
  var csrfField = firstForm && firstForm.elements.namedItem("csrf_token");
  var csrf = csrfField ? csrfField.value : "";
  var canSpeak = "speechSynthesis" in window && typeof window.SpeechSynthesisUtterance === "function";
  var busy = false;
  var lastClicked = null;
  var shown = readLog();

  if (canSpeak) {
    shown.forEach(function (item) {
      addReadAloud(item.node);
    });
  }

  area.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (button && button.form) {
      lastClicked = button; // for browsers without event.submitter
    }
    var link = event.target.closest("a[data-change]");
    if (link && area.contains(link) && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
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
    var submitter = event.submitter || lastClicked;
    if (submitter && submitter.form !== form) {
      submitter = null;
    }
    var request = requestFor(form, submitter);
    go(request.method, request.url, request.body, function () {
      submitNatively(form, submitter);
    });
  });

  log.addEventListener("click", function (event) {
    var button = event.target.closest(".read-aloud");
    if (button) {
      speak(button.parentNode.querySelector("p").textContent);
    }
  });

  /* Talking to the API */

  function requestFor(form, submitter) {
    var name = submitter ? submitter.name : "action";
    var value = submitter ? submitter.value : "answer";
    var questionField = form.elements.namedItem("question_id");
    var questionId = questionField ? questionField.value : null;
    if (name === "action" && (value === "finish" || value === "resume" || value === "submit")) {
      return { method: "POST", url: api + "/" + value, body: {} };
    }
    if (name === "action" && value === "skip") {
      return { method: "POST", url: api + "/answers", body: { question_id: questionId, skip: true } };
    }
    if (name === "value") {
      return { method: "POST", url: api + "/answers", body: { question_id: questionId, value: value } };
    }
    var text = form.elements.namedItem("text");
    var answer;
    if (text) {
      answer = text.value;
    } else if (form.elements.namedItem("multi")) {
      answer = Array.prototype.filter
        .call(form.querySelectorAll("input[type=checkbox][name=value]"), function (box) {
          return box.checked;
        })
        .map(function (box) {
          return box.value;
        });
    } else {
      answer = null;
    }
    return { method: "POST", url: api + "/answers", body: { question_id: questionId, value: answer } };
  }

  function go(method, url, body, onNetworkFailure) {
    if (busy) {
      return;
    }
    busy = true;
    area.setAttribute("data-busy", "true");
    var form = document.getElementById("answer-form");
    if (form) {
      form.classList.add("is-sending");
    }
    var options = { method: method, headers: { Accept: "application/json" }, cache: "no-store", credentials: "same-origin" };
    if (body !== null) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    fetch(url, options).then(
      function (response) {
        return response.json().then(
          function (data) {
            return { ok: response.ok, data: data };
          },
          function () {
            return { ok: false, data: {} };
          }
        );
      },
      function () {
        return null;
      }
    ).then(function (result) {
      busy = false;
      area.removeAttribute("data-busy");
      if (form) {
        form.classList.remove("is-sending");
      }
      if (result === null) {
        onNetworkFailure();
      } else if (result.ok && result.data && result.data.status) {
        render(result.data);
      } else {
        showError((result.data && result.data.error) || words.error_generic);
      }
    });
  }

  /* Without the API, the form still works the old way: post it, naming
     the button that was pressed as the browser would. */
  function submitNatively(form, submitter) {
    if (submitter && submitter.name) {
      form.appendChild(hidden(submitter.name, submitter.value));
    }
    HTMLFormElement.prototype.submit.call(form);
  }

  /* Drawing a new state */

  function render(state) {
    if (state.language && state.language !== language) {
      // Another tab changed the language: the whole page's words differ.
      window.location.assign(pagePath);
      return;
    }
    if (state.status === "submitted") {
      // The thank-you gets focus and is read from there, so the log stays
      // quiet: it is announced once.
      log.setAttribute("aria-live", "off");
      var languages = document.querySelector(".languages");
      if (languages) {
        languages.parentNode.removeChild(languages);
      }
    }
    var added = updateLog(state.messages);
    updateProgress(state);
    clear(area);
    area.setAttribute("data-status", state.status);
    area.setAttribute("data-question", state.question ? state.question.id : "");
    var target;
    if (state.status === "open") {
      var form = questionForm(state);
      area.appendChild(form);
      target = firstControl(form);
    } else if (state.status === "review") {
      var review = reviewSection(state);
      area.appendChild(review);
      target = review.querySelector("h2");
    } else {
      area.appendChild(el("div", { class: "sent-mark", "aria-hidden": "true" }));
      target = log.lastElementChild;
      if (target) {
        target.setAttribute("tabindex", "-1");
      }
    }
    if (target) {
      target.focus({ preventScroll: true });
      reveal(added[0] || target, target);
    }
  }

  /* Bring the log in line with the state's messages, keeping every bubble
     that is still there (so it is not announced again) and adding the rest
     where they belong. Returns the bubbles added. */
  function updateLog(messages) {
    var keys = messages.map(keyOf);
    var n = shown.length;
    var m = keys.length;
    // Longest common subsequence of what is shown and what should be.
    var table = [];
    for (var i = n; i >= 0; i -= 1) {
      table[i] = [];
      for (var j = m; j >= 0; j -= 1) {
        if (i === n || j === m) {
          table[i][j] = 0;
        } else if (shown[i].key === keys[j]) {
          table[i][j] = table[i + 1][j + 1] + 1;
        } else {
          table[i][j] = Math.max(table[i + 1][j], table[i][j + 1]);
        }
      }
    }
    var next = [];
    var added = [];
    i = 0;
    j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && shown[i].key === keys[j]) {
        next.push(shown[i]);
        i += 1;
        j += 1;
      } else if (j === m || (i < n && table[i + 1][j] >= table[i][j + 1])) {
        log.removeChild(shown[i].node);
        i += 1;
      } else {
        var item = { key: keys[j], node: bubble(messages[j]), isNew: true };
        next.push(item);
        added.push(item.node);
        j += 1;
      }
    }
    var after = null;
    for (var k = next.length - 1; k >= 0; k -= 1) {
      if (next[k].isNew) {
        log.insertBefore(next[k].node, after);
        delete next[k].isNew;
      }
      after = next[k].node;
    }
    shown = next;
    return added;
  }

  function readLog() {
    return Array.prototype.map.call(log.querySelectorAll(".bubble"), function (node) {
      var text = node.querySelector("p");
      return {
        key: keyOf({
          sender: senderOf(node),
          kind: node.getAttribute("data-kind"),
          question_id: node.getAttribute("data-question"),
          text: text ? text.textContent : ""
        }),
        node: node
      };
    });
  }

  function senderOf(node) {
    return node.classList.contains("bubble-person") ? "person" : "bot";
  }

  function keyOf(message) {
    // The HTML parser turns CR LF into LF; JSON keeps what was typed.
    var text = message.text.replace(/\r\n?/g, "\n");
    return [message.sender, message.kind, message.question_id || "", text].join("\u0000");
  }

  function bubble(message) {
    var node = el("div", {
      class: "bubble bubble-" + message.sender + (message.kind === "notice" ? " bubble-notice" : "") + " is-new",
      "data-kind": message.kind
    });
    if (message.question_id) {
      node.setAttribute("data-question", message.question_id);
    }
    node.appendChild(el("span", { class: "visually-hidden" }, message.sender === "person" ? words.you_said : words.bot_said));
    // What a person typed may be in another script than the page's.
    node.appendChild(el("p", message.sender === "person" ? { dir: "auto" } : {}, message.text));
    if (canSpeak) {
      addReadAloud(node);
    }
    return node;
  }

  function updateProgress(state) {
    var hint = document.getElementById("progress");
    if (!hint) {
      return;
    }
    var total = state.progress ? state.progress.total : 0;
    var answered = state.progress ? state.progress.answered : 0;
    hint.hidden = !(state.status === "open" && total);
    var bar = document.getElementById("progress-bar");
    bar.max = total || 1;
    bar.value = answered;
    document.getElementById("progress-text").textContent = words.progress
      .replace("%d", String(answered))
      .replace("%d", String(total));
  }

  function showError(message) {
    var form = document.getElementById("answer-form");
    var old = document.getElementById("answer-error");
    if (old) {
      old.parentNode.removeChild(old);
    }
    // A new element each time, so the same message is announced again.
    var box = el("p", { class: "error", role: "alert", id: "answer-error" });
    box.appendChild(el("span", { class: "error-mark", "aria-hidden": "true" }, "!"));
    box.appendChild(document.createTextNode(" " + message));
    if (form) {
      form.parentNode.insertBefore(box, form);
      var text = form.elements.namedItem("text");
      var group = form.querySelector("fieldset");
      var field = text || group;
      if (field) {
        if (text) {
          text.setAttribute("aria-invalid", "true");
        }
        var described = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
        if (described.indexOf("answer-error") < 0) {
          described.push("answer-error");
        }
        field.setAttribute("aria-describedby", described.join(" "));
      }
    } else {
      area.insertBefore(box, area.firstChild);
    }
    box.scrollIntoView({ block: "nearest" });
  }

  /* The next question's form: the same markup as the server's template. */
  function questionForm(state) {
    var q = state.question;
    var form = el("form", { method: "post", action: postTo, class: "answer-form", id: "answer-form", "data-api": api });
    form.noValidate = true;
    form.appendChild(hidden("csrf_token", csrf));
    form.appendChild(hidden("question_id", q.id));
    var hintId = q.hint ? "answer-hint" : "";
    var hint = q.hint ? el("p", { class: "hint", id: "answer-hint" }, q.hint) : null;
    if (q.type === "free_text") {
      form.appendChild(prompt("label", q, words.your_answer)).setAttribute("for", "answer-text");
      if (hint) {
        form.appendChild(hint);
      }
      var box = el("textarea", {
        id: "answer-text",
        name: "text",
        rows: "4",
        dir: "auto",
        "aria-describedby": (hintId ? hintId + " " : "") + "safety-line"
      });
      if (q.max_length) {
        box.setAttribute("maxlength", String(q.max_length));
      }
      box.value = typeof q.current === "string" ? q.current : "";
      form.appendChild(box);
      form.appendChild(el("p", { class: "safety-line", id: "safety-line" }, words.safety_line));
      form.appendChild(actions(words.send_answer));
    } else if (q.type === "multi_choice") {
      form.appendChild(hidden("multi", "1"));
      var group = el("fieldset", { class: "choices-multi" });
      if (hintId) {
        group.setAttribute("aria-describedby", hintId);
      }
      group.appendChild(prompt("legend", q, words.choose_any));
      if (hint) {
        group.appendChild(hint);
      }
      var chosen = Array.isArray(q.current) ? q.current : [];
      q.options.forEach(function (option) {
        var row = el("div", { class: "check" });
        var input = el("input", { type: "checkbox", name: "value", value: option.value, id: "opt-" + option.value });
        input.checked = chosen.indexOf(option.value) >= 0;
        var label = el("label", { for: "opt-" + option.value });
        if (option.emoji) {
          label.appendChild(el("span", { class: "emoji", "aria-hidden": "true" }, option.emoji));
          label.appendChild(document.createTextNode(" "));
        }
        label.appendChild(document.createTextNode(option.label));
        row.appendChild(input);
        row.appendChild(label);
        group.appendChild(row);
      });
      form.appendChild(group);
      form.appendChild(actions(words.send_answer));
    } else {
      var choices = el("fieldset", { class: "choices choices-" + q.type.replace(/_/g, "-") });
      if (hintId) {
        choices.setAttribute("aria-describedby", hintId);
      }
      choices.appendChild(prompt("legend", q, words.choose_one));
      if (hint) {
        choices.appendChild(hint);
      }
      var list = el("div", { class: "choice-list" });
      q.options.forEach(function (option) {
        var current = q.current === option.value;
        var button = el("button", { type: "submit", class: "button choice" + (current ? " is-current" : ""), name: "value", value: option.value });
        if (current) {
          button.setAttribute("aria-pressed", "true");
        }
        if (option.emoji) {
          button.appendChild(el("span", { class: "emoji", "aria-hidden": "true" }, option.emoji));
        }
        button.appendChild(el("span", { class: "choice-label" }, option.label));
        list.appendChild(button);
      });
      choices.appendChild(list);
      form.appendChild(choices);
    }
    var more = el("div", { class: "secondary-actions" });
    more.appendChild(submitButton("button button-secondary", "skip", words.skip));
    if (state.previous_question_id) {
      more.appendChild(changeLink("button button-secondary", state.previous_question_id, words.go_back));
    }
    if (q.is_change) {
      more.appendChild(changeLink("button button-secondary", "", words.keep_answer));
    } else {
      more.appendChild(submitButton("button button-secondary", "finish", words.finish_now));
    }
    form.appendChild(more);
    return form;
  }

  /* "Choose one", or, when changing an earlier answer, that question's words
     (they are not new in the log, so nothing else says them). */
  function prompt(tag, q, plain) {
    var node = el(tag, { class: "answer-label" });
    if (q.is_change) {
      node.appendChild(el("span", { class: "change-intro" }, words.change_answer));
      node.appendChild(document.createTextNode(" "));
      node.appendChild(el("span", { class: "change-question" }, q.text));
    } else {
      node.textContent = plain;
    }
    return node;
  }

  function reviewSection(state) {
    var section = el("section", { class: "review", "aria-labelledby": "review-title" });
    section.appendChild(el("h2", { id: "review-title", tabindex: "-1" }, words.review_title));
    if (state.summary.length) {
      var list = el("dl", { class: "summary" });
      state.summary.forEach(function (line) {
        var row = el("div", { class: "summary-row" });
        row.appendChild(el("dt", {}, line.question));
        var answer = el("dd");
        answer.appendChild(el("span", { class: "summary-answer", dir: "auto" }, line.answer));
        var link = changeLink("change-link", line.question_id, words.change);
        link.appendChild(el("span", { class: "visually-hidden" }, ": " + line.question));
        answer.appendChild(document.createTextNode(" "));
        answer.appendChild(link);
        row.appendChild(answer);
        list.appendChild(row);
      });
      section.appendChild(list);
    } else {
      section.appendChild(el("p", {}, words.nothing_answered));
    }
    var form = el("form", { method: "post", action: postTo, class: "answer-form", id: "answer-form", "data-api": api });
    form.appendChild(hidden("csrf_token", csrf));
    var buttons = el("div", { class: "actions" });
    buttons.appendChild(submitButton("button button-primary", "submit", words.send));
    if (state.progress && state.progress.answered < state.progress.total) {
      buttons.appendChild(submitButton("button button-secondary", "resume", words.carry_on));
    }
    form.appendChild(buttons);
    section.appendChild(form);
    return section;
  }

  function actions(label) {
    var box = el("div", { class: "actions" });
    box.appendChild(submitButton("button button-primary", "answer", label));
    return box;
  }

  function submitButton(className, action, label) {
    return el("button", { type: "submit", class: className, name: "action", value: action }, label);
  }

  function changeLink(className, questionId, label) {
    var href = pagePath + (questionId ? "?change=" + encodeURIComponent(questionId) : "") + "#latest";
    return el("a", { class: className, href: href, "data-change": questionId }, label);
  }

  function firstControl(form) {
    var pressed = form.querySelector("[aria-pressed=true]");
    return pressed || form.querySelector("textarea, input[type=checkbox], button, a[href]");
  }

  /* Show the first new message (what the person just said, then the reply)
     and make sure the focused control is on screen too. */
  function reveal(first, focused) {
    first.scrollIntoView({ block: "start" });
    var box = focused.getBoundingClientRect();
    if (box.bottom > window.innerHeight || box.top < 0) {
      focused.scrollIntoView({ block: "nearest" });
    }
  }

  /* Read aloud with the browser's own voice, in the page's language. */
  function addReadAloud(node) {
    if (senderOf(node) !== "bot" || node.querySelector(".read-aloud")) {
      return;
    }
    var button = el("button", { type: "button", class: "read-aloud" });
    button.appendChild(speakerIcon());
    button.appendChild(el("span", { class: "visually-hidden" }, words.read_aloud));
    node.appendChild(button);
  }

  function speak(text) {
    var synth = window.speechSynthesis;
    synth.cancel();
    var utterance = new window.SpeechSynthesisUtterance(text);
    utterance.lang = language;
    var base = language.split("-")[0];
    var voice = synth.getVoices().filter(function (v) {
      return v.lang && v.lang.split(/[-_]/)[0] === base;
    })[0];
    if (voice) {
      utterance.voice = voice;
    }
    synth.speak(utterance);
  }

  function speakerIcon() {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var cone = document.createElementNS(ns, "path");
    cone.setAttribute("d", "M3 9.5h4l5-4.5v14l-5-4.5H3z");
    cone.setAttribute("fill", "currentColor");
    var waves = document.createElementNS(ns, "path");
    waves.setAttribute("d", "M15.5 9a4 4 0 0 1 0 6M18 6.5a7.5 7.5 0 0 1 0 11");
    waves.setAttribute("fill", "none");
    waves.setAttribute("stroke", "currentColor");
    waves.setAttribute("stroke-width", "2");
    waves.setAttribute("stroke-linecap", "round");
    svg.appendChild(cone);
    svg.appendChild(waves);
    return svg;
  }

  /* Small DOM helpers */

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function hidden(name, value) {
    return el("input", { type: "hidden", name: name, value: value });
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }
})();
