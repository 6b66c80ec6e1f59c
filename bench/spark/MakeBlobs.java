import java.nio.file.Path;
import java.util.Optional;
import java.util.SplittableRandom;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeWriter;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VolumeInfo;
import org.vemseg.core.volume.VoxelSize;

/**
 * Writes the labelling benchmark's input: an N^3 uint8 OME-Zarr probability map (0 or 255) of seeded random balls
 * (radius 2-12 voxels, some merging) and long tubes that wind through the whole volume, so objects cross many
 * blocks. Written 32 slices at a time: memory stays small at any N.
 *
 * Usage: java -cp vemseg.jar MakeBlobs.java OUT.zarr N [SEED]
 */
public final class MakeBlobs {

    public static void main(String[] args) {
        Path out = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        SplittableRandom random = new SplittableRandom(seed);
        int balls = (int) ((long) n * n * n / 6000);
        double[][] ball = new double[balls][];
        for (int i = 0; i < balls; i++) {
            ball[i] = new double[] {random.nextDouble() * n, random.nextDouble() * n, random.nextDouble() * n,
                2 + random.nextDouble() * 10};
        }
        int tubes = Math.max(1, n / 64);
        double[][] tube = new double[tubes][];
        for (int i = 0; i < tubes; i++) {
            tube[i] = new double[] {random.nextDouble() * n, random.nextDouble() * n, random.nextDouble() * 6.28,
                n / 8.0 * (0.5 + random.nextDouble())};
        }
        VolumeInfo info = VolumeInfo.ofSlices(n, n, n, DataType.UINT8, Optional.of(new VoxelSize(8, 8, 8)));
        try (VolumeWriter w = Volumes.create(VolumeLocation.of(out), info, WriteOptions.defaults()
                .withChunk(new int[] {32, 128, 128}).withOverwrite(true))) {
            for (int z0 = 0; z0 < n; z0 += 32) {
                int d = Math.min(32, n - z0);
                Block b = Block.allocate(new Box(z0, 0, 0, d, n, n), DataType.UINT8);
                byte[] v = b.bytes();
                for (double[] s : ball) {
                    paintBall(v, z0, d, n, s[0], s[1], s[2], s[3]);
                }
                for (double[] t : tube) {
                    // A helix along z: radius t[3] around (t[0], t[1]), 3 voxels thick.
                    for (int z = z0; z < z0 + d; z++) {
                        double a = t[2] + z * 6.28 / (n / 2.0);
                        paintBall(v, z0, d, n, z, t[0] + t[3] * Math.sin(a), t[1] + t[3] * Math.cos(a), 3);
                    }
                }
                // Chunks of the writer's grid: 32 slices is one chunk row.
                for (int y = 0; y < n; y += 128) {
                    for (int x = 0; x < n; x += 128) {
                        w.write(b.crop(new Box(z0, y, x, d, Math.min(128, n - y), Math.min(128, n - x))));
                    }
                }
            }
            w.commit();
        }
        System.out.println(out + ": " + n + "^3, " + balls + " balls, " + tubes + " helices");
    }

    private static void paintBall(byte[] v, int z0, int d, int n, double cz, double cy, double cx, double r) {
        int za = (int) Math.max(z0, Math.ceil(cz - r));
        int zb = (int) Math.min(z0 + d - 1, Math.floor(cz + r));
        for (int z = za; z <= zb; z++) {
            double rz = r * r - (z - cz) * (z - cz);
            int ya = (int) Math.max(0, Math.ceil(cy - Math.sqrt(rz)));
            int yb = (int) Math.min(n - 1, Math.floor(cy + Math.sqrt(rz)));
            for (int y = ya; y <= yb; y++) {
                double ry = rz - (y - cy) * (y - cy);
                int xa = (int) Math.max(0, Math.ceil(cx - Math.sqrt(ry)));
                int xb = (int) Math.min(n - 1, Math.floor(cx + Math.sqrt(ry)));
                int row = ((z - z0) * n + y) * n;
                for (int x = xa; x <= xb; x++) {
                    v[row + x] = (byte) 255;
                }
            }
        }
    }
}
