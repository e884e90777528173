// Chefsache's Tasklist configuration. It replaces the one inside Camunda's webjar (the application's
// classes come first on the class path), so Camunda's keyboard shortcuts are repeated here.
// Custom scripts are ES modules under app/tasklist/ (docs.camunda.org: Tasklist configuration).
export default {
  app: {
    name: 'Tasklist',
    vendor: 'Chefsache'
  },
  // German for German-speaking staff, English on request: the browser's first language chooses,
  // German is the fallback (the webjar ships de.json and en.json for every app).
  locales: {
    availableLocales: ['de', 'en'],
    fallbackLocale: 'de'
  },
  customScripts: ['scripts/filter-counts', 'scripts/overdue-rows', 'scripts/sort-by-due-date', 'scripts/form-messages',
    '../chefsache/company-logout'],

  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};
