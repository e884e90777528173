// Draws each process diagram of the incident with the steps it passed (bpmn-js viewer, read-only).
document.querySelectorAll('.diagram').forEach(async (container) => {
  const viewer = new BpmnJS({ container });
  try {
    const response = await fetch(container.dataset.url, { credentials: 'same-origin' });
    if (!response.ok) {
      throw new Error('HTTP ' + response.status);
    }
    // bpmn-js draws what it understood and reports the rest as warnings
    const { warnings } = await viewer.importXML(await response.text());
    container.dataset.warnings = warnings.length;
    warnings.forEach((warning) => console.warn('bpmn-js:', warning.message));
    const canvas = viewer.get('canvas');
    const registry = viewer.get('elementRegistry');
    // Thymeleaf leaves out an empty attribute: an instance that ended (or was cancelled) has no current step
    const mark = (ids, marker) => (ids || '').split(' ').filter((id) => id && registry.get(id))
      .forEach((id) => canvas.addMarker(id, marker));
    mark(container.dataset.visited, 'visited');
    mark(container.dataset.current, 'current');
    canvas.zoom('fit-viewport');
    container.dataset.rendered = 'true';
  } catch (error) {
    container.textContent = container.dataset.failed + ' ' + error.message;
  }
});
