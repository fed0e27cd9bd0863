package org.supportdesk.attachment;

import java.io.IOException;
import java.io.InputStream;

/** A file as it arrives, before it is stored. */
public interface Upload {

    String fileName();

    String contentType();

    long size();

    InputStream open() throws IOException;

    static Upload of(org.springframework.web.multipart.MultipartFile file) {
        return new Upload() {
            public String fileName() {
                return file.getOriginalFilename();
            }

            public String contentType() {
                return file.getContentType();
            }

            public long size() {
                return file.getSize();
            }

            public InputStream open() throws IOException {
                return file.getInputStream();
            }
        };
    }

    static Upload of(String fileName, String contentType, byte[] content) {
        return new Upload() {
            public String fileName() {
                return fileName;
            }

            public String contentType() {
                return contentType;
            }

            public long size() {
                return content.length;
            }

            public InputStream open() {
                return new java.io.ByteArrayInputStream(content);
            }
        };
    }
}
