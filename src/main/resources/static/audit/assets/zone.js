// Keeps the browser's time zone in a cookie, so that the audit pages write times in the viewer's zone.
// The page names the zone it used (data-zone); if it differs from the browser's, the page is drawn again once.
(() => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone) {
    return;
  }
  const cookie = 'chefsache-zone=' + encodeURIComponent(zone);
  if (!document.cookie.split('; ').includes(cookie)) {
    document.cookie = cookie + '; path=/; max-age=31536000; SameSite=Lax';
  }
  const rendered = document.documentElement.dataset.zone;
  if (rendered && rendered !== zone && sessionStorage.getItem('chefsache-zone-redrawn') !== zone) {
    sessionStorage.setItem('chefsache-zone-redrawn', zone);
    location.reload();
  }
})();
