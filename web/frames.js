// Yielding to the browser between steps of one piece of UI work (UI helper): after
// `await nextFrame()` the page has had a chance to lay out, paint and handle input, so a large
// update done in steps never holds the main thread for long, even while the engine's threads
// keep every core busy.
export const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
