// javac's own parser as the judge of what convert --language java writes: reads sources separated
// by a line holding only U+0000 on stdin (each a compilation unit), writes for each its string
// literals, the member count of its first class, and javac's syntax errors, as JSON. Used by
// test/core/convert/hostile-input.test.ts; run as `java Parse.java` (JDK 11+).
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreeScanner;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

public class Parse {
  public static void main(String[] args) throws Exception {
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    System.in.transferTo(in);
    String[] sources = in.toString(StandardCharsets.UTF_8).split("\n\u0000\n", -1);
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < sources.length; i++) {
      String source = sources[i];
      JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Main.java"), JavaFileObject.Kind.SOURCE) {
        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
          return source;
        }
      };
      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      JavacTask task = (JavacTask) compiler.getTask(null, null, diagnostics, List.of("-proc:none"), null, List.of(file));
      List<String> strings = new ArrayList<>();
      int[] members = { -1 };
      for (CompilationUnitTree unit : task.parse()) {
        new TreeScanner<Void, Void>() {
          @Override
          public Void visitLiteral(LiteralTree node, Void p) {
            if (node.getValue() instanceof String) {
              strings.add((String) node.getValue());
            }
            return null;
          }

          @Override
          public Void visitClass(ClassTree node, Void p) {
            if (members[0] < 0) {
              members[0] = node.getMembers().size();
            }
            return super.visitClass(node, p);
          }
        }.scan(unit, null);
      }
      List<String> errors = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        if (d.getKind() == Diagnostic.Kind.ERROR) {
          errors.add(d.getLineNumber() + ": " + d.getMessage(null));
        }
      }
      out.append(i == 0 ? "" : ",").append("{\"error\":").append(errors.isEmpty() ? "null" : json(String.join("; ", errors)));
      out.append(",\"members\":").append(members[0]).append(",\"strings\":[");
      for (int j = 0; j < strings.size(); j++) {
        out.append(j == 0 ? "" : ",").append(json(strings.get(j)));
      }
      out.append("]}");
    }
    System.out.print(out.append("]"));
  }

  /** A JSON string, everything outside printable ASCII as a \\u escape (lone surrogates too). */
  private static String json(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c >= 0x20 && c < 0x7f) {
        b.append(c);
      } else {
        b.append(String.format("\\u%04x", (int) c));
      }
    }
    return b.append('"').toString();
  }
}
