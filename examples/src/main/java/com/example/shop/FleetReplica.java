package com.example.shop;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.io.File;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One replica of the checkout service: an error storm of 4 s, then a normal stop (which flushes). */
public final class FleetReplica {

    private FleetReplica() {}

    public static void main(String[] args) throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(new File(args[0]));
        Random random = new Random(Long.parseLong(args[1]));
        Logger payments = LoggerFactory.getLogger("com.example.shop.Payments");
        Logger stock = LoggerFactory.getLogger("com.example.shop.Stock");
        Logger mail = LoggerFactory.getLogger("com.example.shop.Receipts");
        int logged = 0;
        long end = System.nanoTime() + 4_000_000_000L;
        while (System.nanoTime() < end) {
            switch (random.nextInt(3)) {
                case 0 ->
                    payments.error(
                            "Payment {} declined by the gateway", logged, new IllegalStateException("card declined"));
                case 1 ->
                    stock.error(
                            "Stock sync failed for warehouse {}",
                            random.nextInt(4),
                            new java.io.IOException("timeout"));
                default ->
                    mail.error("Receipt {} could not be rendered", logged, new IllegalArgumentException("no template"));
            }
            logged++;
            Thread.sleep(random.nextInt(40)); // a replica's share of the traffic
        }
        context.stop(); // flushes: a member hands the rest to the fleet, the last one mails it
        System.out.println("LOGGED " + logged);
    }
}
