/*
 * The satisfaction survey's question page: a person clicked good or bad in the mail, and this sends that answer at
 * once, as a form. Opening the link itself records nothing, because mail security scanners open every link in a
 * mail; they do not run scripts. Without this script the page shows the answer chosen and a button.
 * Sent once per link and browser tab: going back to the page later does not send it again.
 */
(function () {
  'use strict';

  function sentBefore(key) {
    try {
      if (window.sessionStorage.getItem(key)) { return true; }
      window.sessionStorage.setItem(key, '1');
    } catch (storageUnavailable) {
      // no storage (a private mode): send anyway; the same answer twice changes nothing
    }
    return false;
  }

  document.addEventListener('DOMContentLoaded', function () {
    var form = document.querySelector('form[data-auto-submit]');
    if (!form || !form.querySelector('input[name="rating"]:checked')) { return; }
    if (sentBefore('survey-sent:' + window.location.pathname + window.location.search)) { return; }
    var hint = document.getElementById('survey-hint');
    var sending = document.getElementById('survey-sending');
    if (hint) { hint.hidden = true; }
    if (sending) { sending.hidden = false; }
    form.submit();
  });
}());
