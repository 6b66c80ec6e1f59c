package org.vemseg.core.concurrent;

import java.io.Serializable;
import java.util.Iterator;
import org.vemseg.core.volume.Box;

/**
 * Writes the output chunks under some boxes (one chunk, or a slab of whole chunks), each box independently of the
 * others: the boxes may run in any order, on any thread or machine, and again after a failure, with the same bytes
 * written. Serialisable, so a cluster can send it to its workers; it names its input and output by path and opens
 * them itself, once per call of {@link #write}.
 */
@FunctionalInterface
public interface ChunkTask extends Serializable {

    /** Writes the chunks under each of {@code boxes}, opening what they need once for all of them. */
    void write(Iterator<Box> boxes);
}
