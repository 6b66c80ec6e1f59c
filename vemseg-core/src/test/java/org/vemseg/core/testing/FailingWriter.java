package org.vemseg.core.testing;

import java.util.concurrent.atomic.AtomicInteger;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.VolumeWriter;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.VolumeInfo;

/**
 * Storage that fails at its {@code failAt}-th block with "disk full (simulated)", and may take a while per block
 * whether or not the writing thread is interrupted (like encoding a slab): for tests of failure clean-up.
 */
public final class FailingWriter implements VolumeWriter {
    private final VolumeWriter real;
    private final int failAt;
    private final long millisPerBlock;
    private final AtomicInteger writes = new AtomicInteger();

    public FailingWriter(VolumeWriter real, int failAt, long millisPerBlock) {
        this.real = real;
        this.failAt = failAt;
        this.millisPerBlock = millisPerBlock;
    }

    @Override
    public VolumeInfo info() {
        return real.info();
    }

    @Override
    public boolean isSequential() {
        return real.isSequential();
    }

    @Override
    public void write(Block block) {
        if (writes.incrementAndGet() == failAt) {
            throw new VemsegException("disk full (simulated)");
        }
        Uninterruptibly.sleep(millisPerBlock);
        real.write(block);
    }

    @Override
    public void commit() {
        real.commit();
    }

    @Override
    public void close() {
        real.close();
    }
}
