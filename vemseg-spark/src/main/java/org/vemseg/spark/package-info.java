/**
 * Distributed prediction on Apache Spark, equal to the prediction on one machine.
 *
 * <p>The driver does what {@code vemseg predict} does on one machine ({@link org.vemseg.nn.predict.PredictionJob}):
 * it checks the request, loads the models to plan, plans the work units ({@link
 * org.vemseg.core.predict.PredictionPlan}, the same code), creates the OME-Zarr output and, at the end, builds its
 * pyramid and moves it into place. In between, each unit is one Spark task: the executor opens the input and the
 * partial output itself from storage every node sees (no voxel passes through the driver), loads the models once
 * per JVM and writes the unit's chunks atomically, so a retried or speculative task is harmless.
 *
 * <p>Spark is a provided dependency: spark-submit or the cluster brings it.
 */
package org.vemseg.spark;
