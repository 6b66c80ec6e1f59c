package org.vemseg.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.vemseg.core.io.ByteSize;
import org.vemseg.nn.bmz.TorchScriptArchive;

/**
 * Prints what a plain TorchScript file tells without running it, for {@code vemseg info model.pt}, and which options
 * {@code vemseg predict} needs in place of the rdf.yaml it lacks.
 */
final class TorchScriptInfo {

    private TorchScriptInfo() {
    }

    static void print(Path path, PrintWriter out) {
        TorchScriptArchive a = TorchScriptArchive.read(path);
        out.println(path);
        row(out, "format", "TorchScript (torch.jit.save archive, version " + a.version() + "), no rdf.yaml");
        row(out, "size", ByteSize.binary(a.bytes()) + ", " + a.tensors() + " stored tensors");
        a.rootClass().ifPresent(c -> row(out, "module", c));
        a.forward().ifPresent(f -> row(out, "forward", f));
        a.returns().ifPresent(r -> row(out, "returns", r + activationHint(r)));
        row(out, "predict", "needs --norm, --tile-multiple and --output-channel; --output-activation sigmoid or "
                + "softmax if it returns logits (default none), --input-channels if it takes several z slices "
                + "(default 1)");
        out.flush();
    }

    /** What the return expression suggests for --output-activation. */
    private static String activationHint(String returns) {
        String r = returns.toLowerCase(Locale.ROOT);
        if (r.contains("softmax") || r.contains("sigmoid")) {
            return "  (probabilities already: --output-activation none)";
        }
        return "";
    }

    private static void row(PrintWriter out, String key, String value) {
        out.printf(Locale.ROOT, "  %-11s %s%n", key, value);
    }
}
