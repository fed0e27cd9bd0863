package org.supportdesk.portal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.ModelMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.supportdesk.account.AccountService;
import org.supportdesk.account.Eligibility;
import org.supportdesk.account.EligibilityService;
import org.supportdesk.account.Licence;
import org.supportdesk.account.Member;
import org.supportdesk.account.Organization;
import org.supportdesk.catalog.Product;
import org.supportdesk.calendar.BusinessCalendar;
import org.supportdesk.calendar.CalendarProperties;
import org.supportdesk.ticket.AttachmentPolicy;
import org.supportdesk.ticket.AttachmentProperties;
import org.supportdesk.catalog.ConcernType;
import org.supportdesk.ticket.Ticket;
import org.supportdesk.ticket.TicketService;
import org.supportdesk.ticket.Topic;
import org.supportdesk.web.Refusal;

import jakarta.servlet.http.HttpServletResponse;

/**
 * "Submit a request": the guided web form (R6–R8, R18, R19). Eligibility, validation and the attachment rules are
 * the ticket service's; this page explains them up front and shows its refusals next to the fields, keeping what
 * was typed.
 */
@Controller
class RequestController {

    private final TicketService tickets;
    private final EligibilityService eligibility;
    private final AccountService accounts;
    private final BusinessCalendar calendar;
    private final CalendarProperties hours;
    private final AttachmentPolicy attachmentPolicy;
    private final AttachmentProperties attachmentProperties;
    private final Labels labels;
    private final Viewer viewer;
    private final Clock clock;

    RequestController(TicketService tickets, EligibilityService eligibility, AccountService accounts,
                      BusinessCalendar calendar, CalendarProperties hours, AttachmentPolicy attachmentPolicy,
                      AttachmentProperties attachmentProperties, Labels labels, Viewer viewer, Clock clock) {
        this.tickets = tickets;
        this.eligibility = eligibility;
        this.accounts = accounts;
        this.calendar = calendar;
        this.hours = hours;
        this.attachmentPolicy = attachmentPolicy;
        this.attachmentProperties = attachmentProperties;
        this.labels = labels;
        this.viewer = viewer;
        this.clock = clock;
    }

    /** A product on the form, with its topics and what a SEV-1 outage for it would mean right now. */
    record ProductChoice(Product product, String label, boolean licensed, List<TopicChoice> topics,
                         String outageNotice) {
        public String value() {
            return product.name();
        }
    }

    record TopicChoice(Topic topic, String label) {
        public String value() {
            return topic.name();
        }
    }

    record ConcernChoice(ConcernType type, String label, String help) {
        public String value() {
            return type.name();
        }
    }

    @GetMapping("/requests")
    String requests() {
        return "redirect:/activities";
    }

    @GetMapping("/requests/new")
    String form(ModelMap model, @RequestParam(required = false) String tooLarge) {
        RequestForm form = new RequestForm();
        model.addAttribute("form", form);
        Map<String, String> errors = new LinkedHashMap<>();
        if (tooLarge != null) {
            errors.put("files", tooLargeMessage());
            model.addAttribute("formError", "Your request was not sent: the attachments were larger than the limits."
                    + " Nothing was saved; please fill in the form again, with smaller or compressed files.");
        }
        return page(model, form, errors);
    }

    @PostMapping("/requests")
    String submit(ModelMap model, @ModelAttribute("form") RequestForm form,
                  @RequestParam(name = "files", required = false) List<MultipartFile> files,
                  @RequestParam(name = "supportZip", required = false) MultipartFile supportZip,
                  HttpServletResponse response, RedirectAttributes redirect) {
        Member me = viewer.me(model);
        try {
            Ticket ticket = tickets.fileFromWeb(me.email(), form.toRequest(), Uploads.of(files, supportZip));
            redirect.addFlashAttribute("filed", ticket.number());
            return "redirect:/tickets/" + ticket.number();
        } catch (Refusal refusal) {
            response.setStatus(refusal.getStatusCode().value());
            Map<String, String> errors = fieldErrors(refusal);
            if (Uploads.chosen(files, supportZip) && !errors.containsKey("files")) {
                errors.put("files", "Nothing was sent: please choose your files again.");
            }
            model.addAttribute("formError", errors.isEmpty() || "not-eligible".equals(refusal.code())
                    ? refusal.getBody().getDetail() : "Your request was not sent yet. Please correct the fields marked"
                    + " below; everything you typed is still here.");
            return page(model, form, errors);
        }
    }

    private String page(ModelMap model, RequestForm form, Map<String, String> errors) {
        Member me = viewer.me(model);
        Organization organization = viewer.organization(model);
        List<ConcernChoice> allowed = Arrays.stream(ConcernType.values())
                .filter(type -> eligibility.check(me.email(), null, type).eligible())
                .map(type -> new ConcernChoice(type, labels.concern(type), labels.concernHelp(type)))
                .toList();
        Eligibility general = eligibility.check(me.email(), null, ConcernType.QUESTION);
        if (allowed.isEmpty()) {
            // R5: who can file instead, and how to become one
            model.addAttribute("guidance", general.guidance());
            model.addAttribute("contacts", accounts.authorizedContacts(organization.id()));
            model.addAttribute("owners", accounts.members(organization.id()).stream().filter(Member::owner).toList());
            return "cannot-file";
        }
        if (allowed.size() == 1 && form.getConcernType() == null) {
            form.setConcernType(allowed.get(0).value());
        }
        model.addAttribute("concernTypes", allowed);
        model.addAttribute("restriction", general.eligible() ? null : general.guidance());
        model.addAttribute("products", products(me, organization));
        model.addAttribute("errors", errors);
        model.addAttribute("colleagues", accounts.members(organization.id()).stream()
                .filter(m -> !m.email().equals(me.email())).toList());
        model.addAttribute("limits", attachmentPolicy.limitsText(attachmentProperties.web()));
        model.addAttribute("maxFileSize", attachmentProperties.web().maxFileSize().toBytes());
        model.addAttribute("maxRequestSize", attachmentProperties.web().maxRequestSize().toBytes());
        model.addAttribute("discouraged", attachmentProperties.discouragedExtensions().stream()
                .map(ext -> "." + ext).toList());
        model.addAttribute("tooLargeMessage", tooLargeMessage());
        return "request-form";
    }

    private List<ProductChoice> products(Member me, Organization organization) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(clock.withZone(organization.timeZone()));
        List<Licence> licences = accounts.licences(organization.id());
        boolean open = calendar.isOpen(now, organization.timeZone(), organization.holidayRegion());
        String opening = Formats.OPENING.format(calendar.nextOpening(now, organization.timeZone(),
                organization.holidayRegion()).atZone(organization.timeZone()));
        List<ProductChoice> choices = new ArrayList<>();
        for (Product product : Product.values()) {
            boolean licensed = licences.stream().anyMatch(l -> l.product() == product && l.isActiveOn(today));
            List<TopicChoice> topics = labels.topics(product).stream()
                    .map(topic -> new TopicChoice(topic, labels.topic(product, topic))).toList();
            choices.add(new ProductChoice(product, labels.product(product), licensed, topics,
                    outageNotice(me, product, open, opening)));
        }
        return choices;
    }

    /** R18/R19: what happens to an outage for this product if it is filed now. */
    private String outageNotice(Member me, Product product, boolean open, String opening) {
        String name = labels.product(product);
        if (open) {
            return "It is within your business hours now: a " + name + " outage goes straight to our SEV-1 queue as"
                    + " urgent, with a first response within one hour.";
        }
        if (eligibility.check(me.email(), product, ConcernType.CRITICAL_OUTAGE).extendedSupport()) {
            return "It is outside your business hours, and your organisation has Extended Support for " + name
                    + ": the on-call engineer is paged at once, day and night.";
        }
        return "It is outside your business hours (" + hours.opensAt() + "–" + hours.closesAt() + " your local time,"
                + " working days), and your organisation has no Extended Support for " + name + ". Work on the outage"
                + " will start when business hours begin: " + opening + ". Extended Support, 24x7 help with"
                + " production outages, is available from your account representative.";
    }

    private String tooLargeMessage() {
        return "Attachments may be at most " + attachmentPolicy.limitsText(attachmentProperties.web())
                + ". Compress large logs (.zip, .gz), or split them over several requests.";
    }

    /** The refusal's field problems, by form field; problems with files go next to the attachments. */
    static Map<String, String> fieldErrors(Refusal refusal) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (refusal.getBody().getProperties() != null
                && refusal.getBody().getProperties().get("errors") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> error) {
                    String field = String.valueOf(error.get("field"));
                    String message = String.valueOf(error.get("message"));
                    errors.merge(field, readable(field, message), (a, b) -> a + " " + b);
                }
            }
        }
        if ("attachment-too-large".equals(refusal.code()) || "discouraged-attachment".equals(refusal.code())) {
            errors.put("files", refusal.getBody().getDetail());
        }
        return errors;
    }

    private static String readable(String field, String message) {
        if (message.startsWith("is required")) {
            return switch (field) {
                case "product", "topic", "concernType" -> "Please choose one.";
                case "businessImpactStatement" -> "Please describe the impact on your business.";
                default -> "Please fill this in.";
            };
        }
        if (message.startsWith("must be one of")) {
            return "Please choose one of the options.";
        }
        if (message.startsWith("is longer than")) {
            return "Too long: at most " + message.substring("is longer than ".length()) + ".";
        }
        String first = message.split("\\s", 2)[0];
        boolean word = first.chars().allMatch(Character::isLetter);
        return (word ? Character.toUpperCase(message.charAt(0)) + message.substring(1) : message) + ".";
    }
}
