/* The chat without page reloads.
 *
 * Progressive enhancement: the page works without this file (every answer is
 * a form post, then a redirect). With it, the answer form goes to the JSON API
 * and the page is brought up to date from the state that comes back: only new
 * messages are added to the log (which announces additions politely, so
 * nothing else repeats them), the next step replaces the form, and focus moves
 * to where the person carries on. Text only ever goes in through textContent.
 */
(function () {
  "use strict";

  var log = document.getElementById("log");
  var area = document.getElementById("answer-area");
  if (!log || !area || !window.fetch || !Element.prototype.closest) {
    return;
  }

  var firstForm = document.getElementById("answer-form");
  var api = (firstForm && firstForm.getAttribute("data-api")) || area.getAttribute("data-api");
  var words = JSON.parse(area.getAttribute("data-words") || "{}");
  var language = document.documentElement.lang || "en";
  var pagePath = window.location.pathname;
  var postTo = firstForm ? firstForm.getAttribute("action") : pagePath;
  var csrf = firstForm && firstForm.elements.namedItem("csrf_token") ? firstForm.elements.namedItem("csrf_token").value : "";
  var canSpeak = "speechSynthesis" in window && typeof window.SpeechSynthesisUtterance === "function";
  var busy = false;
  var shown = Array.prototype.map.call(log.querySelectorAll(".bubble"), function (node) {
    var text = node.querySelector("p");
    addReadAloud(node);
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
    var request = requestFor(form, submitter);
    go("POST", request[0], request[1], function () {
      // Without the API, post the form the old way, naming the button
      // that was pressed as the browser would.
      if (submitter && submitter.name) {
        form.appendChild(hidden(submitter.name, submitter.value));
      }
      HTMLFormElement.prototype.submit.call(form);
    });
  });

  log.addEventListener("click", function (event) {
    var button = event.target.closest(".read-aloud");
    if (button) {
      speak(button.parentNode.querySelector("p").textContent);
    }
  });

  /* Talking to the API */

  /* The API call a press of `submitter` stands for: [url, body]. */
  function requestFor(form, submitter) {
    var name = submitter ? submitter.name : "action";
    var value = submitter ? submitter.value : "answer";
    var field = form.elements.namedItem("question_id");
    var answer = { question_id: field ? field.value : null };
    if (name === "action" && value !== "answer" && value !== "skip") {
      return [api + "/" + value, {}]; // finish, resume, submit
    }
    if (name === "action" && value === "skip") {
      answer.skip = true;
    } else if (name === "value") {
      answer.value = value;
    } else if (form.elements.namedItem("text")) {
      answer.value = form.elements.namedItem("text").value;
    } else if (form.elements.namedItem("multi")) {
      answer.value = Array.prototype.filter
        .call(form.querySelectorAll("input[type=checkbox]"), function (box) {
          return box.checked;
        })
        .map(function (box) {
          return box.value;
        });
    } else {
      answer.value = null;
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
    fetch(url, options)
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
        } else if (result.ok && result.data.status) {
          render(result.data);
        } else {
          showError(result.data.error || words.error_generic);
        }
      });
  }

  /* Drawing a new state */

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
    var added = updateLog(state.messages);
    updateProgress(state);
    while (area.firstChild) {
      area.removeChild(area.firstChild);
    }
    area.setAttribute("data-status", state.status);
    area.setAttribute("data-question", state.question ? state.question.id : "");
    var target;
    if (state.status === "open") {
      var form = area.appendChild(questionForm(state));
      target = form.querySelector("[aria-pressed=true]") || form.querySelector("textarea, input[type=checkbox], button");
    } else if (state.status === "review") {
      target = area.appendChild(reviewSection(state)).querySelector("h2");
    } else {
      area.appendChild(el("div", { class: "sent-mark", "aria-hidden": "true" }));
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

  /* Bring the log in line with the state's messages, keeping every bubble
     still there (so it is not announced again) and adding the others where
     they belong. Returns the bubbles added. */
  function updateLog(messages) {
    var keys = messages.map(keyOf);
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
        next.push({ key: keys[j], node: bubble(messages[j]), isNew: true });
        added.push(next[next.length - 1].node);
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

  function senderOf(node) {
    return node.classList.contains("bubble-person") ? "person" : "bot";
  }

  function keyOf(message) {
    // The HTML parser turns CR LF into LF; JSON keeps what was typed.
    var text = message.text.replace(/\r\n?/g, "\n");
    return [message.sender, message.kind, message.question_id || "", text].join("\u0000");
  }

  function bubble(message) {
    var person = message.sender === "person";
    var node = el("div", {
      class: "bubble bubble-" + message.sender + (message.kind === "notice" ? " bubble-notice" : "") + " is-new",
      "data-kind": message.kind,
      "data-question": message.question_id
    }, [
      el("span", { class: "visually-hidden" }, person ? words.you_said : words.bot_said),
      // What a person typed may be in another script than the page's.
      el("p", { dir: person ? "auto" : null }, message.text)
    ]);
    addReadAloud(node);
    return node;
  }

  function updateProgress(state) {
    var total = state.progress.total;
    var answered = state.progress.answered;
    document.getElementById("progress").hidden = !(state.status === "open" && total);
    var bar = document.getElementById("progress-bar");
    bar.max = total || 1;
    bar.value = answered;
    document.getElementById("progress-text").textContent = words.progress.replace("%d", answered).replace("%d", total);
  }

  function showError(message) {
    var form = document.getElementById("answer-form");
    remove(document.getElementById("answer-error"));
    // A new element each time, so the same message is announced again.
    var box = el("p", { class: "error", role: "alert", id: "answer-error" }, [
      el("span", { class: "error-mark", "aria-hidden": "true" }, "!"),
      " " + message
    ]);
    if (!form) {
      area.insertBefore(box, area.firstChild);
      return;
    }
    form.parentNode.insertBefore(box, form);
    var text = form.elements.namedItem("text");
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

  /* The next question's form: the same markup as _question_form.html. */
  function questionForm(state) {
    var q = state.question;
    var form = el("form", { method: "post", action: postTo, class: "answer-form", id: "answer-form", "data-api": api, novalidate: "" }, [
      hidden("csrf_token", csrf),
      hidden("question_id", q.id)
    ]);
    var hint = q.hint ? el("p", { class: "hint", id: "answer-hint" }, q.hint) : null;
    var hintId = q.hint ? "answer-hint" : null;
    if (q.type === "free_text") {
      var box = el("textarea", {
        id: "answer-text",
        name: "text",
        rows: "4",
        dir: "auto",
        maxlength: q.max_length,
        "aria-describedby": (hintId ? hintId + " " : "") + "safety-line"
      });
      box.value = typeof q.current === "string" ? q.current : "";
      append(form, [
        prompt("label", q, words.your_answer, { for: "answer-text" }),
        hint,
        box,
        el("p", { class: "safety-line", id: "safety-line" }, words.safety_line),
        sendButton()
      ]);
    } else if (q.type === "multi_choice") {
      var chosen = Array.isArray(q.current) ? q.current : [];
      form.appendChild(hidden("multi", "1"));
      form.appendChild(el("fieldset", { class: "choices-multi", "aria-describedby": hintId }, [
        prompt("legend", q, words.choose_any),
        hint
      ].concat(q.options.map(function (option) {
        var id = "opt-" + option.value;
        var input = el("input", { type: "checkbox", name: "value", value: option.value, id: id });
        input.checked = chosen.indexOf(option.value) >= 0;
        return el("div", { class: "check" }, [
          input,
          el("label", { for: id }, option.emoji ? [el("span", { class: "emoji", "aria-hidden": "true" }, option.emoji), " " + option.label] : option.label)
        ]);
      }))));
      form.appendChild(sendButton());
    } else {
      form.appendChild(el("fieldset", { class: "choices choices-" + q.type.replace(/_/g, "-"), "aria-describedby": hintId }, [
        prompt("legend", q, words.choose_one),
        hint,
        el("div", { class: "choice-list" }, q.options.map(function (option) {
          var current = q.current === option.value;
          return el("button", {
            type: "submit",
            class: "button choice" + (current ? " is-current" : ""),
            name: "value",
            value: option.value,
            "aria-pressed": current ? "true" : null
          }, [
            option.emoji ? el("span", { class: "emoji", "aria-hidden": "true" }, option.emoji) : null,
            el("span", { class: "choice-label" }, option.label)
          ]);
        }))
      ]));
    }
    form.appendChild(el("div", { class: "secondary-actions" }, [
      actionButton("button button-secondary", "skip", words.skip),
      state.previous_question_id ? changeLink("button button-secondary", state.previous_question_id, words.go_back) : null,
      q.is_change
        ? changeLink("button button-secondary", "", words.keep_answer)
        : actionButton("button button-secondary", "finish", words.finish_now)
    ]));
    return form;
  }

  /* "Choose one", or, when changing an earlier answer, that question's words
     (they are not new in the log, so nothing else says them). */
  function prompt(tag, q, plain, attributes) {
    attributes = attributes || {};
    attributes.class = "answer-label";
    return el(tag, attributes, q.is_change
      ? [el("span", { class: "change-intro" }, words.change_answer), " ", el("span", { class: "change-question" }, q.text)]
      : plain);
  }

  function reviewSection(state) {
    var summary = state.summary.length
      ? el("dl", { class: "summary" }, state.summary.map(function (line) {
          return el("div", { class: "summary-row" }, [
            el("dt", {}, line.question),
            el("dd", {}, [
              el("span", { class: "summary-answer", dir: "auto" }, line.answer),
              " ",
              append(changeLink("change-link", line.question_id, words.change), [
                el("span", { class: "visually-hidden" }, ": " + line.question)
              ])
            ])
          ]);
        }))
      : el("p", {}, words.nothing_answered);
    var left = state.progress.answered < state.progress.total;
    return el("section", { class: "review", "aria-labelledby": "review-title" }, [
      el("h2", { id: "review-title", tabindex: "-1" }, words.review_title),
      summary,
      el("form", { method: "post", action: postTo, class: "answer-form", id: "answer-form", "data-api": api }, [
        hidden("csrf_token", csrf),
        el("div", { class: "actions" }, [
          actionButton("button button-primary", "submit", words.send),
          // Only someone who chose "finish now" has questions to carry on with.
          left ? actionButton("button button-secondary", "resume", words.carry_on) : null
        ])
      ])
    ]);
  }

  function sendButton() {
    return el("div", { class: "actions" }, [actionButton("button button-primary", "answer", words.send_answer)]);
  }

  function actionButton(className, action, label) {
    return el("button", { type: "submit", class: className, name: "action", value: action }, label);
  }

  function changeLink(className, questionId, label) {
    var href = pagePath + (questionId ? "?change=" + encodeURIComponent(questionId) : "") + "#latest";
    return el("a", { class: className, href: href, "data-change": questionId }, label);
  }

  /* Read aloud, with the browser's own voice, in the page's language. */
  function addReadAloud(node) {
    if (canSpeak && senderOf(node) === "bot") {
      node.appendChild(el("button", { type: "button", class: "read-aloud" }, [
        el("span", { class: "visually-hidden" }, words.read_aloud)
      ]));
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

  /* Small DOM helpers. An attribute whose value is null or undefined is left
     out; children are nodes, strings (as text) or null (skipped). */

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) {
      if (attributes[name] !== null && attributes[name] !== undefined) {
        node.setAttribute(name, attributes[name]);
      }
    });
    return append(node, children === undefined ? [] : [].concat(children));
  }

  function append(node, children) {
    children.forEach(function (child) {
      if (child !== null) {
        node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
      }
    });
    return node;
  }

  function hidden(name, value) {
    return el("input", { type: "hidden", name: name, value: value });
  }

  function remove(node) {
    if (node) {
      node.parentNode.removeChild(node);
    }
  }
})();
