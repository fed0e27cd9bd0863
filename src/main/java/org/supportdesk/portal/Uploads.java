package org.supportdesk.portal;

import java.util.ArrayList;
import java.util.List;

import org.springframework.web.multipart.MultipartFile;
import org.supportdesk.attachment.Upload;

/** The files of a portal form; an empty file input sends an empty part, which is no file. */
final class Uploads {

    private Uploads() {
    }

    static List<Upload> of(List<MultipartFile> files, MultipartFile supportZip) {
        List<Upload> uploads = new ArrayList<>();
        if (files != null) {
            files.stream().filter(f -> f != null && !f.isEmpty()).map(Upload::of).forEach(uploads::add);
        }
        if (supportZip != null && !supportZip.isEmpty()) {
            uploads.add(Upload.of(supportZip));
        }
        return uploads;
    }

    static boolean chosen(List<MultipartFile> files, MultipartFile supportZip) {
        return !of(files, supportZip).isEmpty();
    }
}
