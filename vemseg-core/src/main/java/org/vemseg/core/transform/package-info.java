/**
 * Geometric transforms of image tiles and their inverses: the 8 in-plane symmetries ({@link
 * org.vemseg.core.transform.Dihedral}) and the 16 test-time variants with z flip ({@link
 * org.vemseg.core.transform.GeometricVariant}). They work on flat {@code float[]} planes without
 * allocating, for use on tiles right before they become tensors.
 */
package org.vemseg.core.transform;
