package org.vemseg.core.mesh;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.AtomicOutput;

/**
 * Mesh file formats that Blender, ParaView and MeshLab open: binary STL (triangle soup with facet normals),
 * binary little-endian PLY (indexed) and Wavefront OBJ (indexed, text). Files are written to a temporary
 * name and renamed when complete.
 */
public enum MeshFormat {
    STL("stl"), PLY("ply"), OBJ("obj");

    private final String extension;

    MeshFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    public static MeshFormat fromString(String name) {
        for (MeshFormat f : values()) {
            if (f.extension.equalsIgnoreCase(name.trim())) {
                return f;
            }
        }
        throw new VemsegException.InvalidInput("unknown mesh format '" + name + "'; valid: "
                + Arrays.stream(values()).map(MeshFormat::extension).collect(Collectors.joining(", ")));
    }

    /** Writes {@code mesh} to {@code path}; replaces an existing file only if {@code overwrite}. */
    public void write(TriangleMesh mesh, Path path, boolean overwrite) {
        try (AtomicOutput out = AtomicOutput.begin(path, overwrite, false)) {
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out.temp()), 1 << 16)) {
                switch (this) {
                    case STL -> writeStl(mesh, os);
                    case PLY -> writePly(mesh, os);
                    case OBJ -> writeObj(mesh, os);
                }
            } catch (IOException e) {
                throw VemsegException.IO.of(path, "write mesh", e);
            }
            out.commit();
        }
    }

    private static void writeStl(TriangleMesh mesh, OutputStream os) throws IOException {
        byte[] header = new byte[80];
        byte[] text = "vemseg marching-cubes mesh".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, header, 0, text.length);
        os.write(header);
        ByteBuffer b = ByteBuffer.allocate(50).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, mesh.triangleCount());
        os.write(b.array(), 0, 4);
        float[] v = mesh.vertices();
        int[] t = mesh.triangles();
        for (int i = 0; i < t.length; i += 3) {
            b.clear();
            double[] n = mesh.normal(i);
            double len = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
            double inv = len > 0 ? 1 / len : 0;
            b.putFloat((float) (n[0] * inv)).putFloat((float) (n[1] * inv)).putFloat((float) (n[2] * inv));
            for (int k = 0; k < 3; k++) {
                int a = 3 * t[i + k];
                b.putFloat(v[a]).putFloat(v[a + 1]).putFloat(v[a + 2]);
            }
            b.putShort((short) 0);
            os.write(b.array(), 0, 50);
        }
    }

    private static void writePly(TriangleMesh mesh, OutputStream os) throws IOException {
        String header = "ply\nformat binary_little_endian 1.0\ncomment vemseg marching-cubes mesh\n"
                + "element vertex " + mesh.vertexCount() + "\nproperty float x\nproperty float y\nproperty float z\n"
                + "element face " + mesh.triangleCount() + "\nproperty list uchar int vertex_indices\nend_header\n";
        os.write(header.getBytes(StandardCharsets.US_ASCII));
        float[] v = mesh.vertices();
        ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            if (b.remaining() < 4) {
                flush(b, os);
            }
            b.putFloat(f);
        }
        int[] t = mesh.triangles();
        for (int i = 0; i < t.length; i += 3) {
            if (b.remaining() < 13) {
                flush(b, os);
            }
            b.put((byte) 3).putInt(t[i]).putInt(t[i + 1]).putInt(t[i + 2]);
        }
        flush(b, os);
    }

    private static void flush(ByteBuffer b, OutputStream os) throws IOException {
        os.write(b.array(), 0, b.position());
        b.clear();
    }

    private static void writeObj(TriangleMesh mesh, OutputStream os) throws IOException {
        Writer w = new OutputStreamWriter(os, StandardCharsets.US_ASCII);
        w.write("# vemseg marching-cubes mesh\n");
        float[] v = mesh.vertices();
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i < v.length; i += 3) {
            sb.setLength(0);
            sb.append("v ").append(v[i]).append(' ').append(v[i + 1]).append(' ').append(v[i + 2]).append('\n');
            w.write(sb.toString());
        }
        int[] t = mesh.triangles();
        for (int i = 0; i < t.length; i += 3) {
            sb.setLength(0);
            sb.append("f ").append(t[i] + 1).append(' ').append(t[i + 1] + 1).append(' ').append(t[i + 2] + 1)
                    .append('\n');
            w.write(sb.toString());
        }
        w.flush();
    }

    @Override
    public String toString() {
        return extension.toUpperCase(Locale.ROOT);
    }
}
