package org.vemseg.nn.bmz;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.vemseg.core.VemsegException;

/**
 * What a TorchScript file ({@code torch.jit.save}'s zip archive) says about itself without running it: the root
 * module's class, its {@code forward} signature and return expression (from the archive's Python code), the number
 * of stored tensors and the archive's format version. Tells a TorchScript archive from a PyTorch checkpoint
 * ({@code torch.save}, no code) and from something else, in one line.
 *
 * @param bytes      file size
 * @param version    the archive's format version ({@code version} entry)
 * @param tensors    stored tensors ({@code data/} entries)
 * @param rootClass  the root module's class, e.g. {@code __torch__.TinyUNet}, or empty if not found
 * @param forward    the parameters and result of {@code forward}, e.g. {@code (x: Tensor) -> Tensor}, or empty
 * @param returns    the expression {@code forward} returns, e.g. {@code torch.softmax(_4, 1)}, or empty
 */
public record TorchScriptArchive(long bytes, String version, int tensors, Optional<String> rootClass,
        Optional<String> forward, Optional<String> returns) {

    /** data.pkl starts with PROTO 2 and GLOBAL "module\nname\n": the root module's class. */
    private static final Pattern GLOBAL = Pattern.compile("^\\x80[\\x02-\\x05]c([^\\n]+)\\n([^\\n]+)\\n");
    private static final Pattern FORWARD = Pattern.compile("def forward\\(self: [^,)]+,?\\s*(.*?)\\)\\s*->\\s*([^:]+):",
            Pattern.DOTALL);

    /** Reads the archive; throws Corrupt in one line when {@code file} is not a TorchScript archive. */
    public static TorchScriptArchive read(Path file) {
        try (ZipFile z = new ZipFile(file.toFile())) {
            List<String> names = new ArrayList<>();
            z.stream().forEach(e -> names.add(e.getName()));
            String root = names.stream().filter(n -> n.endsWith("/data.pkl")).findFirst().map(n -> n.substring(0,
                    n.length() - "data.pkl".length())).orElseThrow(() -> corrupt(file, "a zip archive without "
                    + "data.pkl, not PyTorch's"));
            if (names.stream().noneMatch(n -> n.startsWith(root + "code/"))) {
                throw corrupt(file, "a PyTorch checkpoint (torch.save: a state dict or pickled module) without the "
                        + "code of TorchScript; save the model with torch.jit.trace or torch.jit.script");
            }
            int tensors = (int) names.stream().filter(n -> n.startsWith(root + "data/")).count();
            String version = text(z, root + "version").map(String::trim).orElse("?");
            Optional<String> rootClass = Optional.empty();
            Optional<String> forward = Optional.empty();
            Optional<String> returns = Optional.empty();
            Matcher g = GLOBAL.matcher(text(z, root + "data.pkl").orElse(""));
            if (g.find()) {
                rootClass = Optional.of(g.group(1) + "." + g.group(2));
                String code = text(z, root + "code/" + g.group(1).replace('.', '/') + ".py").orElse("");
                int at = code.indexOf("class " + g.group(2) + "(");
                if (at >= 0) {
                    String body = code.substring(at);
                    int next = body.indexOf("\nclass ", 1);
                    body = next > 0 ? body.substring(0, next) : body;
                    Matcher f = FORWARD.matcher(body);
                    if (f.find()) {
                        forward = Optional.of("(" + f.group(1).replaceAll("\\s+", " ").trim() + ") -> "
                                + f.group(2).trim());
                        String rest = body.substring(f.end());
                        returns = rest.lines().map(String::trim).filter(l -> l.startsWith("return ")).findFirst()
                                .map(l -> l.substring("return ".length()));
                    }
                }
            }
            return new TorchScriptArchive(Files.size(file), version, tensors, rootClass, forward, returns);
        } catch (ZipException e) {
            throw corrupt(file, "not a zip archive, as torch.jit.save writes");
        } catch (IOException e) {
            throw VemsegException.IO.of(file, "read TorchScript model", e);
        }
    }

    private static Optional<String> text(ZipFile z, String name) throws IOException {
        ZipEntry e = z.getEntry(name);
        if (e == null) {
            return Optional.empty();
        }
        try (InputStream in = z.getInputStream(e)) {
            // ISO-8859-1 keeps each byte one char, so the pickle's opcodes match the pattern
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
        }
    }

    private static VemsegException.Corrupt corrupt(Path file, String detail) {
        return new VemsegException.Corrupt(file + ": not a TorchScript model (" + detail + ")");
    }
}
