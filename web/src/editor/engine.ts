// Everything the drawing tools need, in one lazily loaded chunk: terra-draw and its MapLibre adapter,
// and the core's geometry and rules. `import('./engine.ts')` is the only way the app reaches them.
export { defaultCriteria, type LiveAssessment, liveAssessment, rectangleAround, sketchArea } from './assess.ts';
export { DrawingController, type DrawingEvents, type DrawingMode, type DrawTool } from './drawing.ts';
