// Support Desk: the "Ticket" tab of a task in Tasklist (issue #22). A Tasklist plugin (plugin point
// tasklist.task.detail, loaded through customScripts in ../config.js; Camunda 7 webapps load such a script as an ES
// module whose default export is the plugin). It shows the ticket of the task whole, as the desk's tables hold it
// when the tab is shown: GET /camunda/api/support-desk/tasks/{task}/ticket with the Tasklist session.
//
// Every text of a customer or an agent is written with textContent: HTML in it is shown as text, never parsed. Times
// are shown in the reader's zone (the browser's), with the customer's local time beside them where it matters.

const appRoot = document.querySelector('base')?.getAttribute('app-root') || '/camunda';

/** A DOM element with a class, text (as text, never HTML) and children. */
function el(tag, options = {}, ...children) {
  const node = document.createElement(tag);
  if (options.className) {
    node.className = options.className;
  }
  if (options.text !== undefined && options.text !== null) {
    node.textContent = String(options.text);
  }
  for (const [name, value] of Object.entries(options.attributes || {})) {
    node.setAttribute(name, value);
  }
  children.flat().filter(Boolean).forEach(child => node.appendChild(child));
  return node;
}

const readerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const DAY_AND_TIME = {weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit',
  minute: '2-digit', hourCycle: 'h23'};
const TIME = {hour: '2-digit', minute: '2-digit', hourCycle: 'h23'};
const DAY = {weekday: 'short', day: 'numeric', month: 'short'};

function format(date, zone, options) {
  return new Intl.DateTimeFormat('en-GB', {...options, timeZone: zone}).format(date).replace(/,/g, '');
}

/** "New York" for America/New_York. */
function city(zone) {
  return zone.split('/').pop().replace(/_/g, ' ');
}

/**
 * A time as its reader reads it: "Tue 10 Nov 2026 16:02 your time"; with the customer's zone, and when their clock
 * shows another time, " · 10:02 in New York" (with the day when it is another day there).
 */
function when(iso, customerZone) {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  let text = format(date, readerZone, DAY_AND_TIME) + ' your time';
  if (customerZone) {
    const theirs = format(date, customerZone, TIME);
    const sameDay = format(date, customerZone, DAY) === format(date, readerZone, DAY);
    if (theirs !== format(date, readerZone, TIME) || !sameDay) {
      text += ' · ' + (sameDay ? '' : format(date, customerZone, DAY) + ' ') + theirs + ' in ' + city(customerZone);
    }
  }
  return text;
}

function size(bytes) {
  if (bytes < 1024) {
    return bytes + ' B';
  }
  if (bytes < 1024 * 1024) {
    return (bytes / 1024).toFixed(1) + ' KiB';
  }
  return (bytes / (1024 * 1024)).toFixed(1) + ' MiB';
}

/** "Rita Ray <rita@acme.example>" for a customer, "Alex Agent (agent)" for a staff login. */
function person(p) {
  if (!p) {
    return '';
  }
  if (!p.name || p.name === p.email) {
    return p.email;
  }
  return p.email && p.email.includes('@') ? p.name + ' <' + p.email + '>' : p.name + ' (' + p.email + ')';
}

function staffPage(number) {
  return '/staff/tickets/' + encodeURIComponent(number);
}

/** The files, each a link that downloads it with the Tasklist sign-in. */
function files(list) {
  if (!list || !list.length) {
    return null;
  }
  return el('ul', {className: 'sd-files'}, list.map(file => el('li', {},
    el('a', {text: file.name, attributes: {href: file.url, download: file.name, class: 'sd-file'}}),
    el('span', {className: 'sd-file-meta', text: ' ' + size(file.size) + (file.discouraged ? ', discouraged type' : '')})
  )));
}

function fact(label, value, className) {
  if (value === null || value === undefined || value === '') {
    return null;
  }
  return el('div', {className: 'sd-fact' + (className ? ' ' + className : '')},
    el('dt', {text: label}),
    value instanceof Node ? el('dd', {}, value) : el('dd', {text: value}));
}

function section(title, className, ...content) {
  return el('section', {className: 'sd-section ' + className}, el('h4', {text: title}), ...content);
}

function text(body, className) {
  return el('div', {className: 'sd-text' + (className ? ' ' + className : ''), text: body});
}

function role(authorType) {
  return authorType === 'CUSTOMER' ? 'customer' : authorType === 'AGENT' ? 'agent' : 'Support Desk';
}

/** R11's first response: when it was given and whether in time, or that it is still to come. */
function firstResponse(targets, zone) {
  if (targets.firstRespondedAt) {
    return 'given ' + when(targets.firstRespondedAt, zone)
      + (targets.firstResponseBreached ? ', after the target' : ', within the target');
  }
  return targets.firstResponseBreached ? 'not given yet, target breached' : 'not given yet';
}

function plural(count, one, many) {
  return count + ' ' + (count === 1 ? one : many);
}

/**
 * Since when the customer waits: their request, or their first message after support's last one, while the ticket
 * is open.
 */
function waitingSince(ticket) {
  const messages = ticket.conversation || [];
  if (ticket.status === 'CLOSED') {
    return null;
  }
  let since = ticket.createdAt;
  messages.forEach(m => {
    if (m.authorType === 'AGENT') {
      since = null;
    } else if (m.authorType === 'CUSTOMER' && since === null) {
      since = m.createdAt;
    }
  });
  return since;
}

function view(data) {
  const t = data.ticket;
  const zone = data.customer.timeZone;
  const nextReplyDue = data.targets.nextReplyDue;
  const waiting = waitingSince(t);

  const header = el('div', {className: 'sd-header'},
    el('h3', {className: 'sd-title'},
      el('span', {className: 'sd-number', text: t.number}), el('span', {text: ' '}),
      el('span', {className: 'sd-summary', text: t.summary})),
    el('a', {className: 'sd-staff-page', text: 'Open the staff ticket page',
      attributes: {href: data.staffPage, target: '_blank', rel: 'noopener'}}));

  const facts = el('dl', {className: 'sd-facts'},
    fact('Status', data.labels.status, 'sd-status'),
    fact('Priority', data.labels.priority, 'sd-priority'),
    fact('Team queue', data.labels.team, 'sd-team'),
    fact('Assignee', t.assignee || 'nobody yet'),
    fact('Product', data.labels.product, 'sd-product'),
    fact('Topic', data.labels.topic, 'sd-topic'),
    fact('Concern type', data.labels.concernType, 'sd-concern'),
    fact('Business impact', data.labels.businessImpact, 'sd-impact'),
    fact('Requester', person(t.requester) + ' · ' + data.customer.organizationName, 'sd-requester'),
    fact('An answer goes to', (t.answerGoesTo || [t.requester.email].concat(t.cc || [])).join(', '), 'sd-recipients'),
    fact('Requester has left', t.requesterLeft, 'sd-requester-left'),
    fact('Filed', when(t.createdAt, zone) + ' · ' + data.labels.channel, 'sd-filed'),
    fact('Customer waiting since', waiting ? when(waiting, zone) : null, 'sd-waiting'),
    fact('First response', firstResponse(data.targets, zone), 'sd-first-response'),
    fact('First-response target', when(data.targets.firstResponseDue, zone), 'sd-first-response-target'),
    fact('Next reply due', nextReplyDue ? when(nextReplyDue, zone) : null, 'sd-next-reply'),
    fact('This task is due', data.task.due && ![data.targets.firstResponseDue, nextReplyDue]
      .some(target => target && new Date(target).getTime() === new Date(data.task.due).getTime())
      ? when(data.task.due, zone) : null, 'sd-task-due'));

  const requestFiles = (t.attachments || []).filter(file =>
    !(t.conversation || []).some(m => (m.attachments || []).some(a => a.id === file.id)));
  const request = section('Request', 'sd-request',
    text(t.description, 'sd-description'),
    t.stepsToReproduce ? el('h5', {text: 'Steps to reproduce'}) : null,
    t.stepsToReproduce ? text(t.stepsToReproduce) : null,
    t.desiredOutcome ? el('h5', {text: 'Desired outcome'}) : null,
    t.desiredOutcome ? text(t.desiredOutcome) : null,
    t.businessImpactStatement ? el('h5', {text: 'Business impact'}) : null,
    t.businessImpactStatement ? text(t.businessImpactStatement) : null,
    files(requestFiles));

  const entries = (t.conversation || []).map(m => ({at: m.createdAt, node: el('article', {
    className: 'sd-entry sd-message sd-from-' + role(m.authorType).replace(' ', '-').toLowerCase()},
  el('header', {className: 'sd-entry-header'},
    el('span', {className: 'sd-author', text: person(m.author)}),
    el('span', {className: 'sd-role', text: role(m.authorType) + (m.channel === 'EMAIL' ? ', by email' : '')}),
    el('time', {className: 'sd-when', text: when(m.createdAt, m.authorType === 'CUSTOMER' ? zone : null),
      attributes: {datetime: m.createdAt}})),
  text(m.body),
  files(m.attachments))}))
    .concat((t.notes || []).map(n => ({at: n.createdAt, node: el('article', {className: 'sd-entry sd-note'},
      el('header', {className: 'sd-entry-header'},
        el('span', {className: 'sd-note-label', text: 'Internal note · staff only'}),
        el('span', {className: 'sd-author', text: person(n.author)}),
        el('time', {className: 'sd-when', text: when(n.createdAt, null), attributes: {datetime: n.createdAt}})),
      text(n.body))})))
    .sort((a, b) => new Date(a.at) - new Date(b.at));
  const conversation = section('Conversation', 'sd-conversation',
    el('p', {className: 'sd-counts', text: plural((t.conversation || []).length, 'message', 'messages') + ', '
      + plural((t.notes || []).length, 'internal note', 'internal notes') + ' (staff only, on dashed cards)'}),
    el('div', {className: 'sd-entries'}, entries.length ? entries.map(e => e.node)
      : [el('p', {className: 'sd-empty', text: 'No messages yet.'})]));

  const links = t.links || {};
  const linked = [].concat(links.original ? [['Follow-up of', links.original]] : [],
    (links.followUps || []).map(n => ['Follow-up', n]), (links.duplicates || []).map(n => ['Duplicate', n]));
  const linksSection = linked.length ? section('Linked tickets', 'sd-links', el('ul', {}, linked.map(([kind, n]) =>
    el('li', {}, el('span', {text: kind + ': '}),
      el('a', {text: n, attributes: {href: staffPage(n), target: '_blank', rel: 'noopener'}}))))) : null;

  const allFiles = (t.attachments || []).length ? section('All files', 'sd-all-files', files(t.attachments)) : null;

  return [header, facts, request, conversation, allFiles, linksSection];
}

function show(node, taskId) {
  node.replaceChildren(el('p', {className: 'sd-loading', text: 'Loading the ticket…'}));
  fetch(appRoot + '/api/support-desk/tasks/' + encodeURIComponent(taskId) + '/ticket', {
    credentials: 'same-origin',
    headers: {Accept: 'application/json'}
  }).then(response => {
    if (response.status === 404) {
      throw new Error('This task belongs to no ticket you may see.');
    }
    if (response.status === 401) {
      throw new Error('Your Tasklist sign-in has ended: sign in again to see the ticket.');
    }
    if (response.status === 403) {
      throw new Error('Your login may not read tickets.');
    }
    if (!response.ok) {
      throw new Error('The ticket could not be read (' + response.status + '). Try again in a moment.');
    }
    return response.json();
  }).then(data => {
    const reload = el('button', {className: 'btn btn-default btn-xs sd-reload', text: 'Reload',
      attributes: {type: 'button'}});
    reload.addEventListener('click', () => show(node, taskId));
    node.replaceChildren(el('div', {className: 'sd-toolbar'}, reload), ...view(data).filter(Boolean));
    const list = node.querySelector('.sd-entries');
    if (list) {
      list.scrollTop = list.scrollHeight; // the newest message in sight; older ones above
    }
  }).catch(error => {
    node.replaceChildren(el('p', {className: 'sd-error', text: error.message}));
  });
}

export default {
  id: 'support-desk-ticket',
  pluginPoint: 'tasklist.task.detail',
  // before the form (1000): a task opens on its ticket; the form is one tab to the right
  priority: 1100,
  label: 'Ticket',
  properties: {label: 'Ticket'},
  // Tasklist renders the tab anew for every task it shows (a late answer for the previous one fills a node that is
  // no longer on the page)
  render: (node, {taskId}) => {
    const root = el('div', {className: 'sd-ticket'});
    node.appendChild(root);
    show(root, taskId);
  }
};
