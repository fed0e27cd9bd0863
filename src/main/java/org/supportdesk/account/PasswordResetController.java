package org.supportdesk.account;

import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A forgotten password, without signing in: ask for a link, then set a new password with the link's token. */
@RestController
@RequestMapping("/api/password-resets")
class PasswordResetController {

    private final PasswordResets resets;
    private final MessageSource messages;

    PasswordResetController(PasswordResets resets, MessageSource messages) {
        this.resets = resets;
        this.messages = messages;
    }

    record Request(String email) {
    }

    record Holder(String email, String name) {
    }

    record NewPassword(String password) {
    }

    /** 202 whether or not the address has an account. */
    @PostMapping
    ResponseEntity<Map<String, String>> request(@RequestBody Request request) {
        if (request.email() != null && request.email().length() <= 254 && request.email().contains("@")) {
            resets.request(request.email());
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("message",
                messages.getMessage("api.password-reset.requested", null, LocaleContextHolder.getLocale())));
    }

    @GetMapping("/{token}")
    Holder holder(@PathVariable String token) {
        Member member = resets.holder(token);
        return new Holder(member.email(), member.name());
    }

    @PostMapping("/{token}")
    ResponseEntity<Void> reset(@PathVariable String token, @RequestBody NewPassword password) {
        resets.reset(token, password.password());
        return ResponseEntity.noContent().build();
    }
}
