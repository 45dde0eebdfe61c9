/** JUnit 5 assertions for vmstate4j descriptions: {@link org.vmstate4j.junit.VmStateAssertions}. */
@NullMarked
package org.vmstate4j.junit;

import org.jspecify.annotations.NullMarked;
