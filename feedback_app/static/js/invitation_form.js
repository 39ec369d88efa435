// "Make an invitation": the questionnaire list follows "Who is it for?".
// Without this script the list is grouped by audience and a mismatch is
// refused in words; with it, only the chosen audience's questionnaires show.
(function () {
  "use strict";
  var audience = document.getElementById("audience");
  var questionnaire = document.getElementById("questionnaire");
  if (!audience || !questionnaire) return;

  function follow() {
    var firstShown = null;
    var chosenShown = false;
    Array.prototype.forEach.call(questionnaire.options, function (option) {
      var fits = option.getAttribute("data-audience") === audience.value;
      option.hidden = !fits;
      option.disabled = !fits;
      if (fits && firstShown === null) firstShown = option;
      if (fits && option.selected) chosenShown = true;
    });
    Array.prototype.forEach.call(questionnaire.querySelectorAll("optgroup"), function (group) {
      group.hidden = !group.querySelector("option:not([hidden])");
    });
    if (!chosenShown && firstShown) firstShown.selected = true;
  }

  audience.addEventListener("change", follow);
  follow();
})();
