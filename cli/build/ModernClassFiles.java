import java.io.IOException;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Run by cli/pom.xml on the shaded jar: rewrites its class files older than Java 6 (picocli's, made
 * for Java 5) as Java 8 class files with stack maps, the same code. The JDK's AOT cache (which
 * ./picoloop makes) cannot keep a class file that old in linked form, so without this every start
 * would load and verify again the 175-odd of picocli's 228 classes it uses. A class that cannot be
 * rewritten, or whose rewrite the verifier refuses, stays as it was. Never fails the build: the jar
 * works either way.
 */
public final class ModernClassFiles {

    private static final int JAVA_6 = 50;
    private static final int JAVA_8 = 52;

    public static void main(String[] args) throws IOException {
        Path jar = Path.of(args[0]);
        Path part = jar.resolveSibling(jar.getFileName() + ".part");
        int old = 0;
        int rewritten = 0;
        try (URLClassLoader classes = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            ClassFile cf = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.defaultResolver()
                    .orElse(ClassHierarchyResolver.ofResourceParsing(classes))));
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
                    OutputStream file = Files.newOutputStream(part);
                    ZipOutputStream out = new ZipOutputStream(file)) {
                for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                    byte[] bytes = in.readAllBytes();
                    if (e.getName().endsWith(".class") && !e.getName().endsWith("module-info.class")) {
                        ClassModel model = cf.parse(bytes);
                        if (model.majorVersion() < JAVA_6) {
                            old++;
                            byte[] modern = modern(cf, model);
                            if (modern != null) {
                                bytes = modern;
                                rewritten++;
                            }
                        }
                    }
                    ZipEntry copy = new ZipEntry(e.getName());
                    copy.setTime(e.getTime());
                    out.putNextEntry(copy);
                    out.write(bytes);
                    out.closeEntry();
                }
            }
            Files.move(part, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            System.out.println("ModernClassFiles: " + jar + " left as it was: " + e);
            return;
        }
        System.out.println("ModernClassFiles: " + rewritten + " of " + old + " pre-Java-6 class files rewritten as Java 8 ones");
    }

    /** The class as a Java 8 class file, its stack maps generated; null if that fails or does not verify. */
    private static byte[] modern(ClassFile cf, ClassModel model) {
        try {
            byte[] bytes = cf.transformClass(model, ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)
                    .andThen(ClassTransform.endHandler(b -> b.withVersion(JAVA_8, 0))));
            return cf.verify(bytes).isEmpty() ? bytes : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
