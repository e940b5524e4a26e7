package com.example.shop.boot;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A controller that fails: Tomcat logs what it throws, in Tomcat's words, under Tomcat's logger. */
@RestController
public class OrderController {

    @PostMapping("/orders/{id}")
    public String place(@PathVariable("id") long id) {
        throw new IllegalStateException("Order " + id + ": payment provider unavailable");
    }
}
