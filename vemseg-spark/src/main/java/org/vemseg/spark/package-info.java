/**
 * Distributed prediction and conversion on Apache Spark, equal to the same commands on one machine.
 *
 * <p>The driver does what {@code vemseg predict} does on one machine ({@link org.vemseg.nn.predict.PredictionJob}):
 * it checks the request, loads the models to plan, plans the work units ({@link
 * org.vemseg.core.predict.PredictionPlan}, the same code), creates the OME-Zarr output and, at the end, moves it
 * into place. In between, each unit is one Spark task: the executor opens the input and the partial output itself
 * from storage every node sees (no voxel passes through the driver), loads the models once per JVM and writes the
 * unit's chunks atomically, so a retried or speculative task is harmless. {@code vemseg convert} into OME-Zarr
 * ({@link org.vemseg.core.ops.VolumeConverter}) runs its slabs the same way, and both build the levels of the
 * output's pyramid as Spark tasks ({@link org.vemseg.spark.SparkChunkRunner}).
 *
 * <p>Spark is a provided dependency: spark-submit or the cluster brings it. {@link org.vemseg.spark.SparkContexts}
 * starts the context of one command.
 */
package org.vemseg.spark;
