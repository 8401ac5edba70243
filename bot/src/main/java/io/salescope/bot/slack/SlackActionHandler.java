package io.salescope.bot.slack;

import com.slack.api.model.block.LayoutBlock;
import io.salescope.warehouse.query.UserInfo;

import java.util.List;

/**
 * Carries out a button click of a message the bot posted (Block Kit {@code block_actions}),
 * after the app has acknowledged it and found the warehouse user who clicked.
 */
@FunctionalInterface
public interface SlackActionHandler {

    /**
     * @param actionId the button's action id
     * @param value the button's value (a task id)
     * @param messageBlocks the blocks of the message clicked in, to answer with an updated copy
     */
    void handle(String actionId, String value, UserInfo actor, List<LayoutBlock> messageBlocks, SlackResponder responder);

    /** How a click is answered: through the interaction's {@code response_url}. */
    interface SlackResponder {

        /** Replaces the message clicked in. */
        void replaceOriginal(String text, List<LayoutBlock> blocks);

        /** A message only the person who clicked sees. */
        void ephemeral(String text);
    }
}
