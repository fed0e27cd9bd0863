/*
 * Small conveniences for the portal's forms; every page works without them.
 * - Submit a request and create a follow-up: topics of the chosen product only; SEV-1 advice and the impact
 *   statement when they apply.
 * - Files over the size limits are refused before sending, so that nothing typed is lost.
 */
(function () {
  'use strict';

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  function requestForm(form) {
    var product = form.querySelector('#product');
    var topic = form.querySelector('#topic');
    var outage = form.querySelector('#outage, #follow-up-outage');
    var statement = form.querySelector('#impact-statement, #follow-up-impact-statement');
    var newOutage = form.querySelector('input[name="newOutage"]');

    function chosenProduct() { return product ? product.value : ''; }

    function filterTopics() {
      if (!topic) { return; }
      var chosen = chosenProduct();
      var selected = topic.options[topic.selectedIndex];
      each(topic.querySelectorAll('optgroup'), function (group) {
        var show = !chosen || group.getAttribute('data-product') === chosen;
        group.hidden = !show;
        group.disabled = !show;
      });
      if (selected && selected.parentNode.tagName === 'OPTGROUP' && selected.parentNode.disabled) {
        var same = null;
        each(topic.querySelectorAll('optgroup'), function (group) {
          if (group.getAttribute('data-product') === chosen) {
            each(group.querySelectorAll('option'), function (option) {
              if (option.value === selected.value) { same = option; }
            });
          }
        });
        if (same) { same.selected = true; } else { topic.selectedIndex = 0; }
      }
    }

    function checked(name) {
      var input = form.querySelector('input[name="' + name + '"]:checked');
      return input ? input.value : '';
    }

    function showOutage() {
      if (!outage) { return; }
      outage.hidden = newOutage ? !newOutage.checked : checked('concernType') !== 'CRITICAL_OUTAGE';
      var chosen = chosenProduct();
      each(outage.querySelectorAll('.outage-hours'), function (line) {
        line.hidden = !!chosen && line.getAttribute('data-product') !== chosen;
      });
    }

    function showStatement() {
      if (!statement) { return; }
      var high = checked('businessImpact') === 'HIGH';
      statement.hidden = !high;
      var text = statement.querySelector('textarea');
      if (text) { text.required = high; }
    }

    if (product) {
      product.addEventListener('change', function () { filterTopics(); showOutage(); });
    }
    each(form.querySelectorAll('input[name="concernType"]'), function (input) {
      input.addEventListener('change', showOutage);
    });
    if (newOutage) {
      newOutage.addEventListener('change', showOutage);
    }
    each(form.querySelectorAll('input[name="businessImpact"]'), function (input) {
      input.addEventListener('change', showStatement);
    });
    filterTopics();
    showOutage();
    showStatement();
  }

  /* Files over the limits: say so next to the file fields and keep the form as it is. */
  function sizeCheck(form) {
    var maxFile = Number(form.getAttribute('data-max-file-size'));
    var maxRequest = Number(form.getAttribute('data-max-request-size'));
    var inputs = form.querySelectorAll('input[type="file"]');
    var message = form.getAttribute('data-too-large');

    function errorElement() {
      var input = inputs[0];
      var id = (input.getAttribute('aria-describedby') || '').split(' ').filter(function (ref) {
        return /-error$/.test(ref);
      })[0];
      return id ? document.getElementById(id) : null;
    }

    function problem() {
      var total = 0;
      var tooBig = null;
      each(inputs, function (input) {
        each(input.files || [], function (file) {
          total += file.size;
          if (!tooBig && maxFile && file.size > maxFile) { tooBig = file.name; }
        });
      });
      if (tooBig) { return tooBig + ' is too large. ' + message; }
      if (maxRequest && total > maxRequest) { return 'The files are too large together. ' + message; }
      return '';
    }

    function report() {
      var text = problem();
      var target = errorElement();
      if (target) { target.textContent = text; }
      each(inputs, function (input) {
        if (text) { input.setAttribute('aria-invalid', 'true'); } else { input.removeAttribute('aria-invalid'); }
      });
      return text;
    }

    each(inputs, function (input) { input.addEventListener('change', report); });
    form.addEventListener('submit', function (event) {
      if (report()) {
        event.preventDefault();
        inputs[0].focus();
      }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    each(document.querySelectorAll('form.request-form, form.follow-up-form'), requestForm);
    each(document.querySelectorAll('form[data-max-file-size]'), function (form) {
      if (form.querySelector('input[type="file"]')) { sizeCheck(form); }
    });
  });
}());
