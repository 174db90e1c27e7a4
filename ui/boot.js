// Loads the wasm UI. A separate file, not an inline script: the shell's CSP forbids inline code.
import init from './doorstep_ui.js';

const bootMessage = document.getElementById('boot-message');

init().then(
    () => bootMessage?.remove(),
    (error) => {
        console.error(error);
        if (bootMessage) {
            bootMessage.textContent = `Doorstep could not start: ${error}`;
            bootMessage.classList.add('boot-failed');
        }
    },
);
