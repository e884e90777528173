// Logging out of Tasklist, Cockpit or Admin under profile oidc: Chefsache ends the session and names,
// in the answer's X-Chefsache-Logout header, where the browser goes next to end the session at the
// company's provider too (OpenID Connect RP-initiated logout). Without the profile the answer has no
// such header, and Camunda's own logout goes on as always.
const LOGOUT = /\/api\/admin\/auth\/user\/[^/]+\/logout$/;
const open = XMLHttpRequest.prototype.open;

XMLHttpRequest.prototype.open = function (method, url, ...rest) {
  if (String(method).toUpperCase() === 'POST' && LOGOUT.test(String(url))) {
    this.addEventListener('load', () => {
      const next = this.getResponseHeader('X-Chefsache-Logout');
      if (next) {
        window.location.assign(next);
      }
    });
  }
  return open.call(this, method, url, ...rest);
};
