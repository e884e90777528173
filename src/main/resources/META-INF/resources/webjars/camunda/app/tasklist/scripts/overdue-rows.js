// Tasklist marks a due date overdue (class "overdue", red in user-styles.css) by comparing it with
// the moment the task list was first shown, so a row whose deadline passes while the page stays
// open is never marked. Every 10 seconds this asks the engine which of the tasks on screen are due
// before now, and marks those again whenever Tasklist renders the list anew.
const REFRESH_MILLIS = 10000;
const engine = (window.location.pathname.match(/\/app\/tasklist\/([^/]+)/) || [])[1] || 'default';
const tasksUrl = document.querySelector('base').getAttribute('engine-api')
  + 'engine/' + encodeURIComponent(engine) + '/task';

// Task id -> overdue, as the engine last answered; rows not asked about yet keep Tasklist's mark.
let overdueById = new Map();

function rowsOnScreen() {
  const rows = new Map();
  document.querySelectorAll('.tasks-list li.task').forEach((row) => {
    const link = row.querySelector('a[href*="task="]');
    const id = link && new URLSearchParams(link.getAttribute('href').split('?')[1]).get('task');
    if (id) {
      rows.set(id, row);
    }
  });
  return rows;
}

// The REST API's date format: 2025-01-31T08:00:00.000+0000
function restDate(date) {
  return date.toISOString().replace('Z', '+0000');
}

function mark() {
  rowsOnScreen().forEach((row, id) => {
    const dueDate = row.querySelector('.due-date');
    if (dueDate && overdueById.has(id) && dueDate.classList.contains('overdue') !== overdueById.get(id)) {
      dueDate.classList.toggle('overdue', overdueById.get(id));
    }
  });
}

async function askWhichAreOverdue() {
  const ids = [...rowsOnScreen().keys()];
  if (document.hidden || ids.length === 0) {
    return;
  }
  const query = new URLSearchParams({taskIdIn: ids.join(','), dueBefore: restDate(new Date())});
  const response = await fetch(tasksUrl + '?' + query,
    {headers: {Accept: 'application/json'}, credentials: 'same-origin'});
  if (response.ok) {
    const overdue = new Set((await response.json()).map((task) => task.id));
    overdueById = new Map(ids.map((id) => [id, overdue.has(id)]));
    mark();
  }
}

new MutationObserver(mark).observe(document.body, {childList: true, subtree: true});
// A failed check (offline, logged out) leaves the marks as they are; the next one tries again.
setInterval(() => askWhichAreOverdue().catch(() => {}), REFRESH_MILLIS);
