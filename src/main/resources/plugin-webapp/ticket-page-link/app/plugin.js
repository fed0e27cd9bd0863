// Support Desk (issue #22): beside a task's process name, Tasklist links to the process instance in Cockpit
// ("Support ticket ↗"), where only managers are let in; agents and on-call engineers get an empty "Not allowed".
// This script puts a link to the ticket's staff page, /staff/tickets/{number}, in its place for everyone. The
// ticket number is the instance's business key, read with the signed-in Tasklist session (staff groups read the
// ticket processes' instances). Loaded by Tasklist as the plugin "ticket-page-link"
// (staffdesk/TicketPageLinkInTasklist); plugin.css hides Tasklist's own link.

const engineApi = document.querySelector('base').getAttribute('engine-api'); // "/camunda/api/engine/"
const numbers = new Map(); // process instance id -> Promise of its business key (null when it cannot be read)

function engine() {
  const match = window.location.pathname.match(/\/app\/tasklist\/([\w-]+)/);
  return match ? match[1] : 'default';
}

function ticketNumber(instanceId) {
  if (!numbers.has(instanceId)) {
    const url = engineApi + 'engine/' + encodeURIComponent(engine()) + '/process-instance/'
        + encodeURIComponent(instanceId);
    numbers.set(instanceId, fetch(url, {credentials: 'same-origin', headers: {Accept: 'application/json'}})
        .then(response => (response.ok ? response.json() : null))
        .then(instance => (instance && instance.businessKey) || null)
        .catch(() => null));
  }
  return numbers.get(instanceId);
}

function ticketLinkAfter(cockpitLink) {
  const next = cockpitLink.nextElementSibling;
  if (next && next.classList.contains('ticket-page-link')) {
    return next;
  }
  const link = document.createElement('a');
  link.className = 'ticket-page-link';
  link.target = '_blank'; // a new tab: the answer being written in the form stays
  link.rel = 'noopener';
  link.hidden = true;
  link.append('Ticket page ');
  const icon = document.createElement('span');
  icon.className = 'glyphicon glyphicon-new-window';
  icon.setAttribute('aria-hidden', 'true');
  link.append(icon);
  cockpitLink.after(link);
  return link;
}

function follow(cockpitLink) {
  const link = ticketLinkAfter(cockpitLink);
  const match = /#\/process-instance\/([^/?#]+)/.exec(cockpitLink.getAttribute('href') || '');
  const instanceId = match ? match[1] : '';
  if (link.dataset.instance === instanceId) {
    return;
  }
  link.dataset.instance = instanceId;
  link.hidden = true;
  if (!instanceId) {
    return;
  }
  ticketNumber(instanceId).then(number => {
    if (link.dataset.instance !== instanceId || !number) {
      return;
    }
    link.href = '/staff/tickets/' + encodeURIComponent(number);
    link.title = 'Open ' + number + ' on the staff ticket page';
    link.hidden = false;
  });
}

function update() {
  document.querySelectorAll('a.instance-link').forEach(follow);
  document.querySelectorAll('a.ticket-page-link').forEach(link => {
    const before = link.previousElementSibling;
    if (!before || !before.classList.contains('instance-link')) {
      link.remove(); // Tasklist removed its link (a task without a process instance)
    }
  });
}

new MutationObserver(update).observe(document.body, {
  childList: true, subtree: true, attributes: true, attributeFilter: ['href']
});
update();

export default [];
