// Chefsache's Admin configuration. It replaces the one inside Camunda's webjar (the application's
// classes come first on the class path); see docs.camunda.org, "Admin configuration".
export default {
  app: {
    name: 'Admin',
    vendor: 'Chefsache'
  },
  // German for German-speaking staff, English on request: the browser's first language chooses,
  // German is the fallback (the webjar ships de.json and en.json for every app).
  locales: {
    availableLocales: ['de', 'en'],
    fallbackLocale: 'de'
  },
  // under profile oidc, logging out also ends the session at the company's provider
  customScripts: ['../chefsache/company-logout']
};
