/*
 * One time zone per reader on the staff pages: every <time datetime> is shown in the reader's zone (the browser's),
 * as the Tasklist "Ticket" tab shows it, and where the page names the customer's zone (data-customer-zone on an
 * ancestor) with the customer's local time beside it when their clock shows another time:
 * "Tue 10 Nov 2026 16:02 your time · 10:02 in New York". Without scripts the server's text (UTC) stays.
 */
(function () {
  'use strict';

  var readerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var DAY_AND_TIME = {weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit',
    minute: '2-digit', hourCycle: 'h23'};
  var TIME = {hour: '2-digit', minute: '2-digit', hourCycle: 'h23'};
  var DAY = {weekday: 'short', day: 'numeric', month: 'short'};

  function format(date, zone, options) {
    var all = Object.assign({}, options, {timeZone: zone});
    return new Intl.DateTimeFormat('en-GB', all).format(date).replace(/,/g, '');
  }

  function city(zone) {
    return zone.split('/').pop().replace(/_/g, ' ');
  }

  function when(date, customerZone) {
    var text = format(date, readerZone, DAY_AND_TIME) + ' your time';
    if (customerZone) {
      var theirs = format(date, customerZone, TIME);
      var sameDay = format(date, customerZone, DAY) === format(date, readerZone, DAY);
      if (theirs !== format(date, readerZone, TIME) || !sameDay) {
        text += ' · ' + (sameDay ? '' : format(date, customerZone, DAY) + ' ') + theirs + ' in ' + city(customerZone);
      }
    }
    return text;
  }

  document.addEventListener('DOMContentLoaded', function () {
    var times = document.querySelectorAll('time[datetime]');
    for (var i = 0; i < times.length; i++) {
      var element = times[i];
      var date = new Date(element.getAttribute('datetime'));
      if (isNaN(date.getTime())) {
        continue;
      }
      var scope = element.closest('[data-customer-zone]');
      var customerZone = scope ? scope.getAttribute('data-customer-zone') : null;
      element.setAttribute('title', element.textContent);
      element.textContent = when(date, customerZone);
    }
  });
}());
