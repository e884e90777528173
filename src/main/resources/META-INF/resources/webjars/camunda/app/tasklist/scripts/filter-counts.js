// Tasklist shows a count beside the selected filter only. This shows every filter's: every 10
// seconds (as often as Tasklist refreshes the selected filter's list) it asks the engine's REST API
// for the filters with their item counts, counted for the person logged in, and writes each count
// beside the filter's name. The selected filter keeps Tasklist's own count, which follows its list.
const REFRESH_MILLIS = 10000;
const engine = (window.location.pathname.match(/\/app\/tasklist\/([^/]+)/) || [])[1] || 'default';
const filtersUrl = document.querySelector('base').getAttribute('engine-api')
  + 'engine/' + encodeURIComponent(engine) + '/filter?resourceType=Task&itemCount=true';

let counts = new Map();
let firstRequestSent = false;

function filterName(link) {
  return Array.from(link.childNodes)
    .filter((node) => node.nodeType === Node.TEXT_NODE)
    .map((node) => node.textContent)
    .join('')
    .trim();
}

// Changes the page only where a count is missing or stale, so the observer below comes to rest.
function render() {
  document.querySelectorAll('.task-filters .task-filter h4.name a').forEach((link) => {
    const count = counts.get(filterName(link));
    let badge = link.querySelector('.chefsache-count');
    if (count === undefined) {
      if (badge) {
        badge.remove();
      }
      return;
    }
    if (!badge) {
      badge = document.createElement('span');
      badge.className = 'chefsache-count';
      link.appendChild(badge);
    }
    if (badge.textContent !== String(count)) {
      badge.textContent = String(count);
    }
  });
}

async function refresh() {
  if (document.hidden || !document.querySelector('.task-filters')) {
    return;
  }
  const response = await fetch(filtersUrl, {headers: {Accept: 'application/json'}, credentials: 'same-origin'});
  if (response.ok) {
    counts = new Map((await response.json()).map((filter) => [filter.name, filter.itemCount]));
    render();
  }
}

function refreshQuietly() {
  // A failed refresh (offline, logged out) keeps the last counts; the next one tries again.
  refresh().catch(() => {});
}

function pageChanged() {
  if (!firstRequestSent && document.querySelector('.task-filters .task-filter')) {
    firstRequestSent = true; // one first request, not one per change while Tasklist renders
    refreshQuietly();
  }
  render();
}

new MutationObserver(pageChanged).observe(document.body, {childList: true, subtree: true});
window.addEventListener('hashchange', refreshQuietly);
setInterval(refreshQuietly, REFRESH_MILLIS);
