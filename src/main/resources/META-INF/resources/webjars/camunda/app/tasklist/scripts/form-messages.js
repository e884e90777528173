// Camunda Forms (form-js) write their validation messages in English only ("Field is required.").
// For staff whose Tasklist speaks German (the browser's first language is not English, as config.js
// chooses the locale), each message gets its German text in data-chefsache-text, which
// user-styles.css shows instead; form-js keeps rendering its own elements untouched.
const first = ((navigator.languages && navigator.languages[0]) || navigator.language || 'de').toLowerCase();
const GERMAN = !first.startsWith('en');

const MESSAGES = [
  [/^Field is required\.$/, () => 'Bitte ausfüllen: Pflichtfeld.'],
  [/^Field must have maximum length of (\d+)\.$/, (n) => `Höchstens ${n} Zeichen.`],
  [/^Field must have minimum length of (\d+)\.$/, (n) => `Mindestens ${n} Zeichen.`],
  [/^Field must have maximum value of (.+)\.$/, (n) => `Höchstens ${n}.`],
  [/^Field must have minimum value of (.+)\.$/, (n) => `Mindestens ${n}.`],
  [/^Field must match pattern (.+)\.$/, (p) => `Muss dem Muster ${p} entsprechen.`]
];

function german(text) {
  for (const [english, translate] of MESSAGES) {
    const match = english.exec(text.trim());
    if (match) {
      return translate(match[1]);
    }
  }
  return null;
}

function translate() {
  document.querySelectorAll('.fjs-form-field-error li').forEach((message) => {
    const text = german(message.textContent);
    if (text === null) {
      message.removeAttribute('data-chefsache-text');
    } else if (message.getAttribute('data-chefsache-text') !== text) {
      message.setAttribute('data-chefsache-text', text);
    }
  });
}

if (GERMAN) {
  new MutationObserver(translate).observe(document.body, {childList: true, subtree: true, characterData: true});
}
