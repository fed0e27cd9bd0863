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
import org.supportdesk.account.ExtendedSupportNotice;
import org.supportdesk.account.Licence;
import org.supportdesk.account.Member;
import org.supportdesk.account.Organization;
import org.supportdesk.attachment.AttachmentPolicy;
import org.supportdesk.attachment.AttachmentProperties;
import org.supportdesk.calendar.BusinessCalendar;
import org.supportdesk.calendar.CalendarProperties;
import org.supportdesk.catalog.ConcernType;
import org.supportdesk.catalog.Product;
import org.supportdesk.ticket.FileTicket;
import org.supportdesk.ticket.Ticket;
import org.supportdesk.ticket.TicketFiling;
import org.supportdesk.ticket.Topic;
import org.supportdesk.web.Refusal;

import jakarta.servlet.http.HttpServletResponse;

/**
 * "Submit a request": the guided web form (R6–R8, R18, R19). Eligibility, validation and the attachment rules are
 * {@link TicketFiling}'s; this page explains them up front and shows its refusals next to the fields, keeping what
 * was typed.
 */
@Controller
class RequestController {

    private final TicketFiling filing;
    private final EligibilityService eligibility;
    private final AccountService accounts;
    private final BusinessCalendar calendar;
    private final CalendarProperties hours;
    private final AttachmentPolicy attachmentPolicy;
    private final AttachmentProperties attachmentProperties;
    private final Labels labels;
    private final Texts texts;
    private final Viewer viewer;
    private final Clock clock;
    private final ExtendedSupportNotice extendedSupportNotice;

    RequestController(TicketFiling filing, EligibilityService eligibility, AccountService accounts,
                      BusinessCalendar calendar, CalendarProperties hours, AttachmentPolicy attachmentPolicy,
                      AttachmentProperties attachmentProperties, Labels labels, Texts texts, Viewer viewer,
                      Clock clock, ExtendedSupportNotice extendedSupportNotice) {
        this.extendedSupportNotice = extendedSupportNotice;
        this.filing = filing;
        this.eligibility = eligibility;
        this.accounts = accounts;
        this.calendar = calendar;
        this.hours = hours;
        this.attachmentPolicy = attachmentPolicy;
        this.attachmentProperties = attachmentProperties;
        this.labels = labels;
        this.texts = texts;
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
            model.addAttribute("formError", texts.text("form.request.too-large"));
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
            Ticket ticket = filing.file(new FileTicket.Web(me.email(), form.toRequest(), Uploads.of(files, supportZip),
                    null)).ticket();
            redirect.addFlashAttribute("filed", ticket.number());
            return "redirect:/tickets/" + ticket.number();
        } catch (Refusal refusal) {
            response.setStatus(refusal.getStatusCode().value());
            Map<String, String> errors = fieldErrors(refusal);
            if (Uploads.chosen(files, supportZip) && !errors.containsKey("files")) {
                errors.put("files", texts.text("form.files.choose-again"));
            }
            model.addAttribute("formError", errors.isEmpty() || "not-eligible".equals(refusal.code())
                    ? texts.detail(refusal) : texts.text("form.request.correct-fields"));
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
        boolean extendedSupport = eligibility.check(me.email(), product, ConcernType.CRITICAL_OUTAGE)
                .extendedSupport();
        if (open) {
            // R18/R19 at closing: the hour counts business time, unless Extended Support takes over at closing
            return extendedSupport ? texts.text("page.request.outage.open.extended-support", name)
                    : texts.text("page.request.outage.open", name, String.valueOf(hours.opensAt()),
                    String.valueOf(hours.closesAt()));
        }
        if (extendedSupport) {
            return texts.text("page.request.outage.extended-support", name);
        }
        return texts.text("page.request.outage.closed", name, String.valueOf(hours.opensAt()),
                String.valueOf(hours.closesAt()), opening, extendedSupportNotice.text());
    }

    private String tooLargeMessage() {
        return texts.text("form.files.limits", attachmentPolicy.limitsText(attachmentProperties.web()));
    }

    /**
     * The refusal's field errors by form field, chosen by their codes; a refused attachment (by the refusal's code)
     * goes next to the attachments with the refusal's detail.
     */
    private Map<String, String> fieldErrors(Refusal refusal) {
        Map<String, String> errors = texts.fieldErrors(refusal);
        if ("attachment-too-large".equals(refusal.code()) || "discouraged-attachment".equals(refusal.code())) {
            errors.put("files", texts.detail(refusal));
        }
        return errors;
    }
}
