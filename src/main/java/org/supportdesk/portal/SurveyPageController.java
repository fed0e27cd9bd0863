package org.supportdesk.portal;

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
 * The satisfaction survey's page (issue #14), open without signing in: the "solved" mail's good or bad link records
 * the rating with one click and opens this page, which thanks, offers the other rating while it can still change,
 * and takes an optional comment.
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
    String rate(@PathVariable String token, @RequestParam(defaultValue = "") String rating, Model model,
                HttpServletResponse response) {
        try {
            return page(token, satisfaction.rate(token, rating), model, null);
        } catch (Refusal refusal) {
            if (refusal.getStatusCode() != HttpStatus.GONE) {
                throw refusal;
            }
            response.setStatus(HttpStatus.GONE.value());
            model.addAttribute("final", texts.detail(refusal));
            return "survey";
        }
    }

    @PostMapping("/survey/{token}")
    String comment(@PathVariable String token, @RequestParam(defaultValue = "") String comment, Model model,
                   HttpServletResponse response) {
        try {
            return page(token, satisfaction.comment(token, comment), model, texts.text("page.survey.comment-saved"));
        } catch (Refusal refusal) {
            if (refusal.getStatusCode() == HttpStatus.NOT_FOUND) {
                throw refusal;
            }
            response.setStatus(refusal.getStatusCode().value());
            model.addAttribute("final", texts.detail(refusal));
            return "survey";
        }
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
