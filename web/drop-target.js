// The whole window as a drop target (UI helper): `overlay` shows while files are dragged over the
// page (enter/leave pairs are counted, as child elements fire their own), and `open(files)` gets
// what is dropped.
export function onDroppedFiles(overlay, open) {
  let depth = 0;
  addEventListener('dragenter', (e) => { e.preventDefault(); if (++depth === 1) overlay.hidden = false; });
  addEventListener('dragleave', () => { if (--depth <= 0) { depth = 0; overlay.hidden = true; } });
  addEventListener('dragover', (e) => e.preventDefault());
  addEventListener('drop', (e) => {
    e.preventDefault();
    depth = 0;
    overlay.hidden = true;
    if (e.dataTransfer?.files?.length) open(e.dataTransfer.files);
  });
}
