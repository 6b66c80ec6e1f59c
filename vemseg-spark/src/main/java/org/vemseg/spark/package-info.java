/**
 * Distributed prediction, conversion and 3D labelling on Apache Spark, equal to the same commands on one machine.
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
 * <p>Distributed 3D labelling ({@link org.vemseg.spark.SparkAnalysis}, {@code analyze --spark}) equals
 * {@link org.vemseg.core.report.ObjectAnalysis} on one machine: blocks of whole label chunks are labelled on their
 * own, only per-piece numbers and the pieces that touch across block faces, edges and corners come back, the driver
 * merges them with a union-find and numbers the objects in scan order, and executors write the renumbered label
 * chunks and measure the surfaces.
 *
 * <p>Spark is a provided dependency: spark-submit or the cluster brings it. {@link org.vemseg.spark.SparkContexts}
 * starts the context of one command, {@link org.vemseg.spark.SparkJobs} runs and follows each job.
 */
package org.vemseg.spark;
