package org.supportdesk.portal;

import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.supportdesk.survey.Satisfaction;
import org.supportdesk.web.Refusal;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The satisfaction survey's page (issues #14, #21), open without signing in. The "solved" mail's good or bad link
 * opens the question with that answer chosen and records nothing: mail security scanners open every link in a mail.
 * The page sends the answer as a form (POST, with the portal's CSRF token): by itself through {@code js/survey.js}
 * in a browser, which scanners do not run, or with its button. The answer thanks, offers the other rating while it
 * can still change, and takes an optional comment. The signed token in the link is the credential.
 */
@Controller
class SurveyPageController {

    private final Satisfaction satisfaction;
    private final Texts texts;

    SurveyPageController(Satisfaction satisfaction, Texts texts) {
        this.satisfaction = satisfaction;
        this.texts = texts;
    }

    @GetMapping("/survey/{token}")
    String ask(@PathVariable String token, @RequestParam(defaultValue = "") String rating, Model model,
               HttpServletResponse response) {
        try {
            Satisfaction.Question question = satisfaction.ask(token, rating);
            model.addAttribute("token", token);
            model.addAttribute("number", question.ticket().number());
            model.addAttribute("summary", question.ticket().summary());
            model.addAttribute("chosen", question.chosen().name().toLowerCase(Locale.ROOT));
            return "survey-question";
        } catch (Refusal refusal) {
            return refused(refusal, model, response);
        }
    }

    @PostMapping(path = "/survey/{token}", params = "rating")
    String rate(@PathVariable String token, @RequestParam String rating, Model model, HttpServletResponse response) {
        try {
            return page(token, satisfaction.rate(token, rating), model, null);
        } catch (Refusal refusal) {
            return refused(refusal, model, response);
        }
    }

    @PostMapping(path = "/survey/{token}", params = "!rating")
    String comment(@PathVariable String token, @RequestParam(defaultValue = "") String comment, Model model,
                   HttpServletResponse response) {
        try {
            return page(token, satisfaction.comment(token, comment), model, texts.text("page.survey.comment-saved"));
        } catch (Refusal refusal) {
            if (refusal.getStatusCode() == HttpStatus.NOT_FOUND) {
                return refused(refusal, model, response);
            }
            response.setStatus(refusal.getStatusCode().value());
            model.addAttribute("final", texts.detail(refusal));
            return "survey";
        }
    }

    /**
     * A rating that can no longer change, or a link that was not found, is the survey page saying so and what to do;
     * other refusals are the error page.
     */
    private String refused(Refusal refusal, Model model, HttpServletResponse response) {
        if (refusal.getStatusCode() == HttpStatus.NOT_FOUND) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("unknown", texts.detail(refusal));
            model.addAttribute("hint", texts.text(Satisfaction.HINT));
            return "survey";
        }
        if (refusal.getStatusCode() != HttpStatus.GONE) {
            throw refusal;
        }
        response.setStatus(HttpStatus.GONE.value());
        model.addAttribute("final", texts.detail(refusal));
        return "survey";
    }

    private static String page(String token, Satisfaction.Rated rated, Model model, String notice) {
        model.addAttribute("token", token);
        model.addAttribute("number", rated.ticket().number());
        model.addAttribute("summary", rated.ticket().summary());
        model.addAttribute("good", rated.given().rating() == Satisfaction.Rating.GOOD);
        model.addAttribute("comment", rated.given().comment());
        model.addAttribute("changeable", rated.changeable());
        model.addAttribute("notice", notice);
        return "survey";
    }
}
