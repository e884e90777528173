// Tasklist sorts by creation date unless the URL names a sorting, and says so above the list. The
// filters list soonest due first (Camunda puts a filter's ordering before the one Tasklist sends),
// so that header would name an order the list does not have. This makes "due date, soonest first"
// the sorting a tab starts with. It does so once per page load: a sorting the person picks stays.
const DUE_DATE_FIRST = JSON.stringify([{sortBy: 'dueDate', sortOrder: 'asc'}]);
const TASKLIST_DEFAULT = JSON.stringify([{sortBy: 'created', sortOrder: 'desc'}]);

let done = false;

function startWithDueDateFirst() {
  const [path, search = ''] = window.location.hash.replace(/^#/, '').split('?');
  if (done || path !== '/') {
    return;
  }
  done = true;
  const params = new URLSearchParams(search);
  const sorting = params.get('sorting');
  if (sorting === null || sorting === TASKLIST_DEFAULT) {
    params.set('sorting', DUE_DATE_FIRST);
    window.location.replace('#/?' + params);
  }
}

window.addEventListener('hashchange', startWithDueDateFirst);
startWithDueDateFirst();
