/**
 * Engine-independent prediction of whole volumes: tiling, test-time augmentation, ensembles,
 * blending and streaming output. The network is behind one small interface, {@link
 * org.vemseg.core.predict.TilePredictor}, which vemseg-nn implements with DJL.
 *
 * <p>Flow of {@link org.vemseg.core.predict.TiledPrediction#run}: the output is cut into work units
 * aligned to its chunk grid; for each unit, a read-ahead thread reads the input with z context and halo
 * (mirror padded at the volume borders) as floats; the calling thread cuts tiles ({@link
 * org.vemseg.core.predict.TilePlan}), normalises them per model, applies each chosen {@link
 * org.vemseg.core.transform.GeometricVariant}, predicts in batches, undoes the variant and adds the
 * output with {@link org.vemseg.core.predict.BlendWeights}; a write-behind thread divides by the
 * summed weights, encodes ({@link org.vemseg.core.predict.OutputType}) and writes grid blocks to a
 * {@link org.vemseg.core.predict.ChunkSink}, which can report chunks finished by an earlier run.
 */
package org.vemseg.core.predict;
