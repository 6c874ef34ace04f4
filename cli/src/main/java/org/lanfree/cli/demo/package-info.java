/**
 * {@code lanfree demo}: the whole story on this machine with embedded defaults. The
 * <em>story</em> is an ordered list of <em>steps</em>; each step does one thing for real (start
 * the array, run a handshake and move data through the array) and tells the operator what
 * happened in a numbered section. The <em>context</em> is what steps share: the deployment's
 * home, the secrets, the narration and the JSON summary. <em>Cleanup</em> steps run even after a
 * failure. A new part of the story is one more step in {@link org.lanfree.cli.demo.Story}.
 */
package org.lanfree.cli.demo;
